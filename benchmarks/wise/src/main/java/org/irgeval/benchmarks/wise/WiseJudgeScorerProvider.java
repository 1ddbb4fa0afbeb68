package org.irgeval.benchmarks.wise;

import org.irgeval.api.JudgeFactory;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;

/** {@code wise-judge}: the official WISE protocol through the run's OpenAI-compatible judge. */
public final class WiseJudgeScorerProvider implements ScorerProvider {
  /** Images waiting on the judge at once; the client bounds HTTP concurrency itself. */
  static final int DEFAULT_CONCURRENCY = 16;

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("wise-judge", WiseBenchmark.ID, ScorerDescription.Kind.JUDGE,
        "official WISE VLM-judge protocol (legacy: gpt-4o-2024-05-13, 3 scores 0-2; verified:"
            + " Qwen3.5-35B-A3B, binary) via --judge-url").priority(10).concurrency(DEFAULT_CONCURRENCY);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    WiseVersion version = WiseVersion.ofPromptSet(context.prompts().version());
    JudgeFactory judges = context.requireJudges("WISE is scored by a VLM judge",
        "for WISE " + version.id() + ": " + version.defaultJudgeModel());
    WiseTemplates templates = WiseTemplates.load(context.dataDir(), version);
    return new WiseJudgeScorer(version, judges.open(version.defaultJudgeModel()), templates, context.concurrency());
  }
}
