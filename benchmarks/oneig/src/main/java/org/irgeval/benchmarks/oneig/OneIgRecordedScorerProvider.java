package org.irgeval.benchmarks.oneig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;

/**
 * {@code oneig-recorded}: every dimension from a folder of recorded outputs ({@code --scorer-opt recorded=DIR};
 * docs/oneig.md section 4), re-aggregated by the official rules without any model. The recorded black flags decide
 * which tiles are dropped.
 */
public final class OneIgRecordedScorerProvider implements ScorerProvider {
  @Override
  public String id() {
    return "oneig-recorded";
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(OneIgBenchmark.ID);
  }

  @Override
  public String description() {
    return "OneIG scores from recorded raw outputs (--scorer-opt recorded=DIR: alignment.jsonl ... diversity.jsonl)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.of(OneIgJudgeScorerProvider.RECORDED, OptionSpec.Type.TEXT,
        "folder of recorded outputs (required)"));
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    String dir = context.options().get(OneIgJudgeScorerProvider.RECORDED);
    if (dir == null) {
      throw new ScorerUnavailableException("oneig-recorded needs --scorer-opt recorded=DIR (a folder holding"
          + " alignment.jsonl, text.jsonl, reasoning.jsonl, style.jsonl, diversity.jsonl)");
    }
    return new OneIgScorer("oneig-recorded", Map.of(), OneIgRecordedPart.open(Path.of(dir), context.prompts()),
        context.concurrency(4), null);
  }
}
