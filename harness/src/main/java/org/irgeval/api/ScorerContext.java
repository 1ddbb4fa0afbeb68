package org.irgeval.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a scorer may use: the data directory (official templates), its options, a cache directory inside the
 * run, and the shared judge client factory when a judge is configured.
 *
 * @param dataDir          the data root
 * @param options          {@code --scorer-opt <key>=<value>} entries, unprefixed, already checked against
 *                         {@link ScorerProvider#options()}; the shared keys are not in it
 * @param cacheDir         a directory private to this scorer inside the run directory
 * @param judges           opens the configured OpenAI-compatible judge; empty when no {@code --judge-url} was
 *                         given
 * @param prompts          the prompt set being scored (its {@link PromptSet#benchmark()} says which benchmark,
 *                         for providers that serve several)
 * @param concurrencyGiven the shared {@code --scorer-opt concurrency=N}, parsed once by the harness
 */
public record ScorerContext(Path dataDir, Map<String, String> options, Path cacheDir, Optional<JudgeFactory> judges,
                            PromptSet prompts, OptionalInt concurrencyGiven) {
  public ScorerContext {
    options = Map.copyOf(options);
  }

  /** Images scored at once: {@code --scorer-opt concurrency=N} when given, else the scorer's own default. */
  public int concurrency(int dflt) {
    return concurrencyGiven.orElse(dflt);
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
