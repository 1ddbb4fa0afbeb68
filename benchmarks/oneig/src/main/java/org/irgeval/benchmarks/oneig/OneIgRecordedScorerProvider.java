package org.irgeval.benchmarks.oneig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;

/**
 * {@code oneig-recorded}: every dimension from a folder of recorded outputs ({@code --scorer-opt recorded=DIR};
 * docs/oneig.md section 4), re-aggregated by the official rules without any model. The recorded black flags decide
 * which tiles are dropped.
 */
public final class OneIgRecordedScorerProvider implements ScorerProvider {
  /** Reading recorded outputs costs little; a few at once keep the pool busy. */
  static final int CONCURRENCY = 4;
  static final OptionSpec RECORDED = OptionSpec.of(OneIgJudgeScorerProvider.RECORDED, OptionSpec.Type.TEXT,
      "folder of recorded outputs (required)");

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("oneig-recorded", OneIgBenchmark.ID, ScorerDescription.Kind.RECORDED,
        "OneIG scores from recorded raw outputs (--scorer-opt recorded=DIR: alignment.jsonl ... diversity.jsonl)")
        .concurrency(CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(RECORDED);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    String dir = RECORDED.given(context.options()).orElse(null);
    if (dir == null) {
      throw new ScorerUnavailableException("oneig-recorded needs --scorer-opt recorded=DIR (a folder holding"
          + " alignment.jsonl, text.jsonl, reasoning.jsonl, style.jsonl, diversity.jsonl)");
    }
    return new OneIgScorer("oneig-recorded", Map.of(), OneIgRecordedPart.open(Path.of(dir), context.prompts()),
        context.concurrency(), List.of());
  }
}
