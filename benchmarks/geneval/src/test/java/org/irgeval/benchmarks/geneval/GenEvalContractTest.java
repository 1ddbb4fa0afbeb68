package org.irgeval.benchmarks.geneval;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkContract;

/** GenEval keeps the adapter contract on its demo samples. */
class GenEvalContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new GenEvalBenchmark();
  }

  /** evaluate_images.py's verdict: {@code correct} true or false. */
  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return ScoreOutcome.of(Map.of("correct", rnd.nextBoolean() ? 1.0 : 0.0), null, null);
  }

  @Override
  protected List<Malformed> malformedResults() {
    return List.of(
        new Malformed("{\"filename\": \"00000/samples/00000.png\", \"tag\": \"single_object\", \"correct\": \"yes\"}\n",
            1, "correct"),
        new Malformed("{\"filename\": \"00000/samples/00000.png\", \"correct\": true}\n", 1, "tag"));
  }
}
