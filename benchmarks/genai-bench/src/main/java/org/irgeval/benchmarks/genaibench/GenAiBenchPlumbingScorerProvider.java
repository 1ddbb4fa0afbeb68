package org.irgeval.benchmarks.genaibench;

import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code genai-bench-plumbing}: the embedded demo's GenAI-Bench scorer: the {@code genai-bench-judge} protocol
 * (question, image, top-20 logprobs, P("Yes")) through the real judge client against a {@link PlumbingJudge}
 * whose {@link GenAiBenchPlumbingAnswerer} answers logprobs from the reference drawing. The engine labels every score as
 * plumbing.
 */
public final class GenAiBenchPlumbingScorerProvider implements ScorerProvider {
  public static final String ID = "genai-bench-plumbing";

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenAiBenchBenchmark.ID, ScorerDescription.Kind.PLUMBING,
        "plumbing check: the VQAScore logprob protocol against a loopback judge that reads the reference"
            + " drawing back (not a model)").concurrency(4);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    return PlumbingJudge.openScorer(context, new GenAiBenchPlumbingAnswerer(),
        judge -> new GenAiVqaJudgeScorer(judge, YesProbability.FIRST_YES, context.concurrency()));
  }
}
