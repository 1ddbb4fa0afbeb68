package org.irgeval.benchmarks.genaibench;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkContract;

/** GenAI-Bench keeps the adapter contract on its demo samples (release 527 with the demo tag file). */
class GenAiBenchContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new GenAiBenchBenchmark();
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return ScoreOutcome.of(Map.of(GenAiBenchAggregator.SCORE, rnd.nextDouble()), null, null);
  }

  @Override
  protected String officialResultsFileName() {
    return GenAiBenchResultsExporter.FILE;
  }

  @Override
  protected List<Malformed> malformedResults() {
    return List.of(
        new Malformed("prompt_idx,score\n00001,0.5\n00002,high\n", 3, "score"),
        new Malformed("00001,0.5\n00099,0.25\n", 2, "prompt_idx"),
        new Malformed("1,0.5\n00001,0.25\n", 2, "prompt_idx"),
        new Malformed("one,0.5\n", 1, "prompt_idx"),
        new Malformed("00001,DALLE_3,0.5\n00001,,0.5\n", 2, "model"));
  }
}
