package org.irgeval.benchmarks.wise;

import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkFuzzTest;

/** Broken Wise data files and official results through `load` and the importer (docs/fuzzing.md). */
class WiseLoaderFuzzTest extends BenchmarkFuzzTest {
  @Override
  protected Benchmark benchmark() {
    return new WiseBenchmark();
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return new WiseContractTest().validScore(prompt, rnd);
  }
}
