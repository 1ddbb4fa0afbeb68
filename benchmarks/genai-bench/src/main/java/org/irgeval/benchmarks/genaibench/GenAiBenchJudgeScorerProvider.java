package org.irgeval.benchmarks.genaibench;

import java.util.List;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;

/**
 * {@code genai-bench-judge} (formerly {@code genai-vqa-judge}, still accepted): VQAScore from an OpenAI-compatible
 * VLM's first-token logprobs (t2v_metrics' GPT-4o).
 */
public final class GenAiBenchJudgeScorerProvider implements ScorerProvider {
  public static final String ID = "genai-bench-judge";
  static final OptionSpec RULE = OptionSpec.choice("rule", "how P(Yes) is read from the top logprobs: first-yes"
      + " (first yes-like token, else 1-P(no), else 0), v3.1-last-match (t2v_metrics@6ecb74f exactly: the last"
      + " match wins), exact-yes-2025-02 (the release of the GPT-4o reference table: token \"Yes\" only,"
      + " lower-case template)", YesProbability.ids());
  static final int DEFAULT_CONCURRENCY = 16;

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenAiBenchBenchmark.ID, ScorerDescription.Kind.JUDGE,
        "VQAScore = P(\"Yes\") from a VLM's first-token top-20 logprobs (t2v_metrics gpt-4o protocol) via"
            + " --judge-url; not CLIP-FlanT5, say so when comparing").priority(10).concurrency(DEFAULT_CONCURRENCY)
        .aliases("genai-vqa-judge");
  }

  /** P("Yes") is read from the first token's top logprobs: the preflight checks the judge returns them. */
  @Override
  public boolean judgeLogprobs() {
    return true;
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(RULE);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    JudgeFactory judges = context.requireJudges(ID + " needs a VLM that returns logprobs",
        GenAiVqaJudgeScorer.DEFAULT_MODEL);
    return new GenAiVqaJudgeScorer(judges.open(GenAiVqaJudgeScorer.DEFAULT_MODEL), rule(context),
        context.concurrency());
  }

  static YesProbability rule(ScorerContext context) {
    return YesProbability.byId(RULE.text(context.options())).orElseThrow();
  }
}
