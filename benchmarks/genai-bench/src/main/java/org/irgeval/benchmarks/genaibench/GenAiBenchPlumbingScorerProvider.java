package org.irgeval.benchmarks.genaibench;

import java.util.Set;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.OwningScorer;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code genai-bench-plumbing}: the embedded demo's GenAI-Bench scorer: the {@code genai-vqa-judge} protocol
 * (question, image, top-20 logprobs, P("Yes")) through the real judge client against a {@link PlumbingJudge}
 * whose {@link GenAiBenchPlumbingAnswerer} answers logprobs from the reference drawing. Every score says plumbing.
 */
public final class GenAiBenchPlumbingScorerProvider implements ScorerProvider {
  public static final String ID = "genai-bench-plumbing";

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
    return "plumbing check: the VQAScore logprob protocol against a loopback judge that reads the reference"
        + " drawing back (not a model)";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    PlumbingJudge judge = PlumbingJudge.start(new GenAiBenchPlumbingAnswerer(),
        context.cacheDir().resolve("plumbing-judge"));
    return new OwningScorer(new GenAiVqaJudgeScorer(judge.open(GenAiVqaJudgeScorer.DEFAULT_MODEL),
        YesProbability.FIRST_YES, context.concurrency(4), PlumbingJudge.NOTICE), judge);
  }
}
