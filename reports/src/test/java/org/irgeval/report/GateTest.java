package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regression gate's exit codes on real toy runs. */
class GateTest {
  @TempDir
  Path tmp;

  private final ToyRuns runs = new ToyRuns(new ToyBenchmark(60, 2));

  private Gate gate() {
    return new Gate(runs.registry, new Comparisons(new StratifiedBootstrap(1000, 11)));
  }

  @Test
  void anotherSeedPassesADegradedCandidateFailsAndNothingInCommonIsUnusable() throws Exception {
    RunView base = RunView.read(runs.run(tmp.resolve("a"), 1, 0.2, 0.0), "a");
    RunView other = RunView.read(runs.run(tmp.resolve("b"), 2, 0.2, 0.0), "b");
    Gate.Outcome same = gate().run(base, other, null, null, 0.05, 0.05);
    assertEquals(Gate.PASS, same.code(), same.toString());
    Comparison c = same.verdicts().get(0).comparison();
    assertEquals("reflection", c.base().substring(c.base().lastIndexOf(" / ") + 3));
    assertEquals(60, c.prompts());
    assertTrue(c.mcnemar() != null, "binary image scores take McNemar's test");

    RunView bad = RunView.read(runs.run(tmp.resolve("bad"), 3, 1.0, 1.0), "bad");
    Gate.Outcome worse = gate().run(base, bad, null, null, 0.01, 0.05);
    assertEquals(Gate.FAIL, worse.code(), worse.toString());
    Gate.Verdict v = worse.verdicts().get(0);
    assertTrue(v.failed());
    assertTrue(v.comparison().delta() < -0.1, "delta " + v.comparison().delta());
    assertTrue(v.comparison().broken() > 0);

    Gate.Outcome none = gate().run(base, bad, "turn-7", null, 0.01, 0.05);
    assertEquals(Gate.UNUSABLE, none.code());
    assertFalse(none.skipped().isEmpty());
  }
}
