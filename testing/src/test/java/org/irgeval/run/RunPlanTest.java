package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Scorer;
import org.irgeval.store.RunStore;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.util.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlanTest {
  @TempDir
  Path dir;

  private static final Scorer NOOP = new Scorer() {
    @Override
    public String fingerprint() {
      return "noop";
    }

    @Override
    public org.irgeval.api.ScoreOutcome score(org.irgeval.api.ScoringInput input) {
      throw new UnsupportedOperationException("planning only");
    }
  };

  private static BenchmarkRun bench(int prompts, int samples, Scorer scorer) {
    ToyBenchmark b = new ToyBenchmark(prompts, samples);
    PromptSet set = b.load(Path.of("."), Map.of());
    return new BenchmarkRun(b, set, samples, scorer == null ? null : "sc", scorer, false, null);
  }

  private static Generation twoTurns() {
    GeneratedTurn t = new GeneratedTurn("", new byte[] {1}, Map.of(), Map.of());
    return new Generation(List.of(t, t), Map.of(), "e", false);
  }

  @Test
  void plansBenchmarkTimesPromptTimesSampleWithDerivedSeeds() throws Exception {
    try (RunStore store = RunStore.open(dir)) {
      RunPlan plan = RunPlan.of(List.of(bench(3, 4, NOOP)), store, 42, 2, true, true);
      assertEquals(12, plan.generations().size());
      assertEquals(12, plan.plannedTrajectories());
      assertEquals(0, plan.scoring().size(), "nothing stored yet, so nothing to score yet");
      GenerationRequest r = plan.generations().get(5);
      assertEquals("toy/001/s1", r.id());
      assertEquals(Seeds.derive(42, "toy", "001", 1), r.seed());
      assertEquals(2, r.turns());
    }
  }

  @Test
  void skipsStoredTrajectoriesAndPlansOnlyTheirMissingVariants() throws Exception {
    BenchmarkRun b = bench(2, 2, NOOP);
    try (RunStore store = RunStore.open(dir)) {
      RunPlan first = RunPlan.of(List.of(b), store, 1, 2, true, true);
      store.putTrajectory(first.generations().get(0), twoTurns(), 1);
      store.putTrajectory(first.generations().get(3), twoTurns(), 1);
      store.putScore(new ScoreRecord(new ScoreKey("toy", "000", 0, "no-reflection", "sc"), Map.of(), null, null, null, 0));
      RunPlan plan = RunPlan.of(List.of(b), store, 1, 2, true, true);
      assertEquals(List.of("toy/000/s1", "toy/001/s0"), plan.generations().stream().map(GenerationRequest::id).toList());
      assertEquals(List.of("000/0/reflection", "001/1/no-reflection", "001/1/reflection"), plan.scoring().stream()
          .map(t -> t.key().promptId() + "/" + t.key().sample() + "/" + t.key().variant()).toList());
      assertTrue(RunPlan.of(List.of(b), store, 1, 2, false, true).generations().isEmpty(), "score-only plans no generation");
      assertTrue(RunPlan.of(List.of(b), store, 1, 2, true, false).scoring().isEmpty(), "generate-only plans no scoring");
      assertTrue(RunPlan.of(List.of(bench(2, 2, null)), store, 1, 2, true, true).scoring().isEmpty(),
          "a benchmark without scorer plans no scoring");
    }
  }
}
