package org.irgeval.benchmarks.genaibench;

import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkFuzzTest;

/** Broken GenAiBench data files and official results through `load` and the importer (docs/fuzzing.md). */
class GenAiBenchLoaderFuzzTest extends BenchmarkFuzzTest {
  @Override
  protected Benchmark benchmark() {
    return new GenAiBenchBenchmark();
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return new GenAiBenchContractTest().validScore(prompt, rnd);
  }
}
