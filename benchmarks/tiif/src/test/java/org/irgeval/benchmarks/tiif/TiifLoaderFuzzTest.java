package org.irgeval.benchmarks.tiif;

import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkFuzzTest;

/** Broken Tiif data files and official results through `load` and the importer (docs/fuzzing.md). */
class TiifLoaderFuzzTest extends BenchmarkFuzzTest {
  @Override
  protected Benchmark benchmark() {
    return new TiifBenchmark();
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return new TiifContractTest().validScore(prompt, rnd);
  }
}
