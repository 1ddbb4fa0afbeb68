package org.irgeval.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;

/** The worked example passes the contract kit (an in-memory fixture: no service file, no data files). */
class ToyBenchmarkContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new ToyBenchmark(6, 2);
  }

  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    return ScoreOutcome.of(Map.of("correct", rnd.nextBoolean() ? 1.0 : 0.0), null, null);
  }

  @Override
  protected boolean registeredAsService() {
    return false;
  }

  @Override
  protected Path demoData() {
    return tmp;
  }
}
