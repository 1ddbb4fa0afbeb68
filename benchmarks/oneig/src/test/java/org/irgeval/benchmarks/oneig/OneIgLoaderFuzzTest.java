package org.irgeval.benchmarks.oneig;

import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkFuzzTest;

/** Broken OneIg data files and official results through `load` and the importer (docs/fuzzing.md). */
class OneIgLoaderFuzzTest extends BenchmarkFuzzTest {
  @Override
  protected Benchmark benchmark() {
    return new OneIgBenchmark();
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return new OneIgContractTest().validScore(prompt, rnd);
  }
}
