package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.irgeval.api.Prompt;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LatencyModel;
import org.irgeval.util.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The schedule comparison of {@code irg-eval throughput --schedule} compares like with like: the static split is the
 * official positional {@code data[i::N]} over prompts (all samples of a prompt together), disjoint and complete, and
 * a (prompt, sample)'s simulated work depends on its seed only, so both schedules see the same work. Not timed.
 */
class ScheduleSplitTest {
  @Test
  void staticSplitIsThePositionalSliceOfTheOfficialScripts() {
    assertEquals(List.of("00000", "00003", "00006", "00009"), GenEvalShapedPrompts.staticSplit(10, 0, 3));
    assertEquals(List.of("00001", "00004", "00007"), GenEvalShapedPrompts.staticSplit(10, 1, 3));
    assertEquals(List.of("00002", "00005", "00008"), GenEvalShapedPrompts.staticSplit(10, 2, 3));
    for (int n : new int[] {1, 2, 7, 8, 64}) {
      for (int prompts : new int[] {1, 5, 64, 553}) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
          List<String> shard = GenEvalShapedPrompts.staticSplit(prompts, i, n);
          total += shard.size();
          seen.addAll(shard);
          assertTrue(shard.size() == prompts / n || shard.size() == prompts / n + 1, "balanced by count");
        }
        assertEquals(prompts, total, "disjoint");
        assertEquals(prompts, seen.size(), "complete");
      }
    }
    List<String> loaded = new ArrayList<>();
    GenEvalShapedPrompts shard = new GenEvalShapedPrompts(10, 1, 3);
    for (Prompt p : shard.load(null, java.util.Map.of()).prompts()) {
      loaded.add(p.id());
    }
    assertEquals(List.of("00001", "00004", "00007"), loaded);
    assertEquals(4, shard.defaultSamples(), "GenEval's official 4 samples per prompt");
    assertEquals(GenEvalShapedPrompts.ID, shard.id(), "one benchmark id in every shard: the same seeds");
  }

  @Test
  void perPromptWorkDependsOnTheSeedOnlySoBothSchedulesSeeTheSameWork() {
    LatencyModel text = LatencyModel.parse("lognormal:2500:0.6");
    LatencyModel image = LatencyModel.parse("lognormal:27700:0.05");
    int prompts = 24;
    long[] seeds = ScheduleComparison.seeds(prompts);
    assertEquals(prompts * 4, seeds.length);
    assertEquals(Seeds.derive(ScheduleComparison.RUN_SEED, GenEvalShapedPrompts.ID, "00005", 3), seeds[5 * 4 + 3],
        "the seed the engine sends for (prompt 5, sample 3)");
    // the dynamic work list and the union of the static shards hold the same works
    List<Long> dynamic = new ArrayList<>();
    for (long s : seeds) {
      dynamic.add(ScheduleComparison.workMs(text, image, s));
    }
    for (int n : new int[] {1, 5, 8}) {
      List<Long> union = new ArrayList<>();
      for (int i = n - 1; i >= 0; i--) { // drawn in another order, on "other endpoints"
        for (String pid : GenEvalShapedPrompts.staticSplit(prompts, i, n)) {
          for (int k = 3; k >= 0; k--) {
            union.add(ScheduleComparison.workMs(text, image,
                Seeds.derive(ScheduleComparison.RUN_SEED, GenEvalShapedPrompts.ID, pid, k)));
          }
        }
      }
      List<Long> a = new ArrayList<>(dynamic);
      a.sort(null);
      union.sort(null);
      assertEquals(a, union, "N=" + n);
    }
    assertEquals(IrgSimulator.keyedMs(text, 123, 1, 0), IrgSimulator.keyedMs(text, 123, 1, 0));
    assertNotEquals(dynamic.get(0), dynamic.get(1), "work varies between prompts");
    assertEquals(new HashSet<>(dynamic).size() > prompts, true, "and between samples");
  }

  @Test
  void idealIsTheFluidBound() {
    assertEquals(10.0, ScheduleComparison.ideal(80, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, -1, 0), 1e-9);
    assertEquals(80 / 7.8, ScheduleComparison.ideal(80, new double[] {1, 1, 1, 1, 1, 1, 1, 0.8}, -1, 0), 1e-9);
    // one of 8 lost at 5 s: 40 units done, the other 40 at speed 7
    assertEquals(5 + 40 / 7.0, ScheduleComparison.ideal(80, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 7, 5), 1e-9);
    assertEquals(10.0, ScheduleComparison.ideal(80, new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 7, 20), 1e-9,
        "dying after the end changes nothing");
  }
}
