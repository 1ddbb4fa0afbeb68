package org.irgeval.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's arithmetic, by hand. */
class PlanTest {
  static Plan.BenchmarkPlan row(String id, int prompts, int samples, long calls) {
    return new Plan.BenchmarkPlan(id, prompts, "data", samples, "s", calls > 0 ? "m" : null, calls);
  }

  @Test
  void totalsGpuHoursDiskAndCost() {
    Plan p = new Plan(List.of(row("a", 553, 4, 0), row("b", 1000, 1, 2000), row("c", 10, 1, -1)), 2, 60.58, "t",
        true, 1_000_000, 2.5, 10.0);
    assertEquals(2212 + 1000 + 10, p.trajectories());
    assertEquals(2 * 3222, p.images());
    assertEquals(2000, p.judgeCalls(), "an unknown count (-1) adds nothing");
    assertEquals(3222 * 60.58 / 3600, p.gpuHours(), 1e-9);
    assertEquals(6444L * 1_000_000, p.imageBytes());
    // 2000 calls x (1100 x 2.5 + 150 x 10) / 1e6 = 2000 x 0.00425 = 8.5 USD
    assertEquals(8.5, p.judgeCostUsd(), 1e-9);
    assertTrue(new PreflightReport(List.of(), p).planLines().get(4).startsWith("total: 3222 trajectories, 6444 images"));
  }

  @Test
  void scoringOnlyHasNoGpuAndNoPriceNoCost() {
    Plan p = new Plan(List.of(row("a", 5, 1, 10)), 2, 60, "t", false, 1000, null, null);
    assertEquals(0, p.gpuHours());
    assertEquals(0, p.imageBytes());
    assertNull(p.judgeCostUsd());
  }

  @Test
  void aFailedCheckFailsTheReport() {
    Plan p = new Plan(List.of(), 1, 0, "t", true, 0, null, null);
    var ok = new CheckResult("a", CheckResult.Status.OK, "fine", 1);
    var warn = new CheckResult("b", CheckResult.Status.WARN, "hm", 1);
    assertTrue(new PreflightReport(List.of(ok, warn), p).ok());
    var fail = new CheckResult("c", CheckResult.Status.FAIL, "no", 1);
    assertEquals(List.of(fail), new PreflightReport(List.of(ok, fail), p).failures());
  }
}
