package org.irgeval.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scorer may use: the data directory (official templates), its options, a cache directory inside the
 * run, and the shared judge client factory when a judge is configured.
 *
 * @param dataDir     the data root
 * @param options     {@code --scorer-opt <key>=<value>} entries, unprefixed, already checked against
 *                    {@link ScorerProvider#options()} (read them with the {@link OptionSpec}'s typed reads); the
 *                    shared keys are not in it
 * @param cacheDir    a directory private to this scorer inside the run directory
 * @param judges      opens the configured OpenAI-compatible judge; empty when no {@code --judge-url} was given
 * @param prompts     the prompt set being scored (its {@link PromptSet#benchmark()} says which benchmark, for
 *                    providers that serve several)
 * @param concurrency images scored at once: the shared {@code --scorer-opt concurrency=N} when given, else the
 *                    provider's {@link ScorerDescription#concurrency()}
 * @param device      where a model back end runs: the shared {@code --scorer-opt device=cpu|gpu} (default cpu)
 */
public record ScorerContext(Path dataDir, Map<String, String> options, Path cacheDir, Optional<JudgeFactory> judges,
                            PromptSet prompts, int concurrency, ComputeDevice device) {
  public ScorerContext {
    options = Map.copyOf(options);
    Objects.requireNonNull(device, "device");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency " + concurrency + " < 1");
    }
  }

  /** The context of {@code provider} with its default concurrency, on the CPU (tests, embedding). */
  public static ScorerContext of(ScorerProvider provider, Path dataDir, Map<String, String> options, Path cacheDir,
                                 Optional<JudgeFactory> judges, PromptSet prompts) {
    return new ScorerContext(dataDir, options, cacheDir, judges, prompts, provider.describe().concurrency(),
        ComputeDevice.CPU);
  }

  /**
   * The judge of {@code --judge-url}, or a {@link ScorerUnavailableException} that says how to give one: {@code why}
   * (what needs the judge) followed by the flags and {@code defaultModel}, the same hint for every judge scorer.
   */
  public JudgeFactory requireJudges(String why, String defaultModel) throws ScorerUnavailableException {
    return judges.orElseThrow(() -> new ScorerUnavailableException(why + ": give --judge-url (OpenAI-compatible),"
        + " --judge-key-env VAR if it needs a key, and optionally --judge-model (default " + defaultModel + ")"));
  }
}
