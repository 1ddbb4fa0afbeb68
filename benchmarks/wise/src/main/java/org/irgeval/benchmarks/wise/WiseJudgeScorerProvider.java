package org.irgeval.benchmarks.wise;

import org.irgeval.api.JudgeFactory;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;

/** {@code wise-judge}: the official WISE protocol through the run's OpenAI-compatible judge. */
public final class WiseJudgeScorerProvider implements ScorerProvider {
  @Override
  public String id() {
    return "wise-judge";
  }

  @Override
  public String benchmark() {
    return WiseBenchmark.ID;
  }

  @Override
  public String description() {
    return "official WISE VLM-judge protocol (legacy: gpt-4o-2024-05-13, 3 scores 0-2; verified:"
        + " Qwen3.5-35B-A3B, binary) via --judge-url";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    WiseVersion version = WiseVersion.ofPromptSet(context.prompts().version());
    JudgeFactory judges = context.judges().orElseThrow(() -> new ScorerUnavailableException(
        "WISE is scored by a VLM judge: give --judge-url (OpenAI-compatible), --judge-key-env VAR if it needs"
            + " a key, and optionally --judge-model (default for WISE " + version.id() + ": "
            + version.defaultJudgeModel() + ")"));
    WiseTemplates templates = WiseTemplates.load(context.dataDir(), version);
    return new WiseJudgeScorer(version, judges.open(version.defaultJudgeModel()), templates,
        concurrency(context), null);
  }

  static int concurrency(ScorerContext context) {
    String c = context.options().get("concurrency");
    if (c == null) {
      // The client bounds HTTP concurrency itself; this only bounds how many images wait on it.
      return 16;
    }
    try {
      int n = Integer.parseInt(c.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("--scorer-opt concurrency must be a positive integer: " + c);
  }
}
