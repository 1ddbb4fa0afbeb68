package org.irgeval.benchmarks.genaibench;

import java.util.List;
import java.util.Set;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;

/** {@code genai-vqa-judge}: VQAScore from an OpenAI-compatible VLM's first-token logprobs (t2v_metrics' GPT-4o). */
public final class GenAiVqaJudgeScorerProvider implements ScorerProvider {
  public static final String ID = "genai-vqa-judge";
  static final int DEFAULT_CONCURRENCY = 16;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(GenAiBenchBenchmark.ID);
  }

  @Override
  public String description() {
    return "VQAScore = P(\"Yes\") from a VLM's first-token top-20 logprobs (t2v_metrics gpt-4o protocol) via"
        + " --judge-url; not CLIP-FlanT5, say so when comparing";
  }

  @Override
  public boolean usesJudge() {
    return true;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.choice("rule", "how P(Yes) is read from the top logprobs: first-yes (default;"
        + " first yes-like token, else 1-P(no), else 0), v3.1-last-match (t2v_metrics@6ecb74f exactly: the last"
        + " match wins), exact-yes-2025-02 (the release of the GPT-4o reference table: token \"Yes\" only,"
        + " lower-case template)", YesProbability.ids()));
  }

  /** P("Yes") is read from the first token's top logprobs. */
  @Override
  public boolean judgeLogprobs() {
    return true;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    JudgeFactory judges = context.requireJudges("genai-vqa-judge needs a VLM that returns logprobs",
        GenAiVqaJudgeScorer.DEFAULT_MODEL);
    return new GenAiVqaJudgeScorer(judges.open(GenAiVqaJudgeScorer.DEFAULT_MODEL), rule(context),
        context.concurrency(DEFAULT_CONCURRENCY), null);
  }

  static YesProbability rule(ScorerContext context) {
    return YesProbability.byId(context.options().getOrDefault("rule", YesProbability.FIRST_YES.id()))
        .orElse(YesProbability.FIRST_YES);
  }
}
