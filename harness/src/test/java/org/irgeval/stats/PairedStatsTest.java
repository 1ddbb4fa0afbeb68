package org.irgeval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.junit.jupiter.api.Test;

/** The statistics of comparisons on hand-computed cases and planted effects (fixed seeds). */
class PairedStatsTest {
  private static final Function<List<ScoredSample>, Double> MEAN =
      l -> l.stream().mapToDouble(s -> s.score().value("x")).average().orElse(Double.NaN);

  private static List<ScoredSample> run(double[] values) {
    List<ScoredSample> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      String id = String.format("%04d", i);
      out.add(new ScoredSample(new Prompt(id, i, "p", "c", null), 0,
          new ScoreRecord(new ScoreKey("b", id, 0, "v", "s"), Map.of("x", values[i]), null, null, null, 0)));
    }
    return out;
  }

  private static double[] binary(int n, double p, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() < p ? 1 : 0;
    }
    return v;
  }

  @Test
  void mcnemarExactOnAHandComputedTable() {
    // b = 1, c = 9: p = 2 P(X <= 1), X ~ Bin(10, 1/2) = 2 (1 + 10) / 1024
    assertEquals(22.0 / 1024, new McNemar(1, 9).pValue(), 1e-15);
    assertEquals(1.0, new McNemar(5, 5).pValue(), 1e-15);
    assertEquals(1.0, new McNemar(0, 0).pValue());
    // b = 0, c = 6: 2 / 64
    assertEquals(2.0 / 64, new McNemar(0, 6).pValue(), 1e-15);
  }

  @Test
  void holmStepDown() {
    // sorted 0.01, 0.03, 0.04 -> 0.03, 0.06, max(0.06, 0.04) = 0.06
    assertArrayEquals(new double[] {0.03, 0.06, 0.06}, Holm.adjust(new double[] {0.01, 0.04, 0.03}), 1e-15);
    double[] withNan = Holm.adjust(new double[] {0.2, Double.NaN, 0.6});
    assertEquals(0.4, withNan[0], 1e-15);
    assertTrue(Double.isNaN(withNan[1]));
    assertEquals(0.6, withNan[2], 1e-15);
  }

  @Test
  void pairedBootstrapDetectsAPlantedTwoPointDropAndNotAZeroChange() {
    double[] base = binary(500, 0.7, 1);
    double[] cand = base.clone();
    int flipped = 0;
    for (int i = 0; i < cand.length && flipped < 10; i++) {
      if (cand[i] == 1) {
        cand[i] = 0;
        flipped++;
      }
    }
    StratifiedBootstrap bs = new StratifiedBootstrap(1000, 7);
    StratifiedBootstrap.PairedReplicates drop = bs.pairedReplicates(run(base), run(cand), MEAN);
    assertEquals(-0.02, drop.delta(), 1e-12);
    assertEquals(500, drop.prompts());
    assertTrue(drop.ci95()[1] < 0, "the CI excludes 0");
    assertTrue(drop.twoSidedP() < 0.01, "p = " + drop.twoSidedP());
    assertTrue(drop.pAtLeast(-0.001) < 0.05, "worse than a 0.1-point margin");
    assertTrue(drop.pAtLeast(-0.05) > 0.5, "within a 5-point margin");
    StratifiedBootstrap.PairedReplicates same = bs.pairedReplicates(run(base), run(base.clone()), MEAN);
    assertEquals(0.0, same.delta());
    assertEquals(1.0, same.twoSidedP());
  }

  @Test
  void theCiContainsTheEstimateAndNarrowsWithN() {
    StratifiedBootstrap bs = new StratifiedBootstrap(1000, 3);
    double[] small = binary(50, 0.6, 5);
    double[] large = binary(800, 0.6, 5);
    double[] ciSmall = bs.ci95(run(small), MEAN);
    double[] ciLarge = bs.ci95(run(large), MEAN);
    double mSmall = MEAN.apply(run(small));
    double mLarge = MEAN.apply(run(large));
    assertTrue(ciSmall[0] <= mSmall && mSmall <= ciSmall[1]);
    assertTrue(ciLarge[0] <= mLarge && mLarge <= ciLarge[1]);
    assertTrue(ciLarge[1] - ciLarge[0] < (ciSmall[1] - ciSmall[0]) / 2, "16x the prompts, a quarter the width");
  }

  @Test
  void cohensKappaByHand() {
    // 10 items: agree on 8 (6 yes, 2 no); A: 7 yes 3 no; B: 7 yes 3 no.
    // p_o = 0.8, p_e = 0.7*0.7 + 0.3*0.3 = 0.58, kappa = 0.22 / 0.42
    List<String> a = List.of("y", "y", "y", "y", "y", "y", "y", "n", "n", "n");
    List<String> b = List.of("y", "y", "y", "y", "y", "y", "n", "y", "n", "n");
    assertEquals(0.22 / 0.42, CohensKappa.of(a, b), 1e-12);
    assertEquals(1.0, CohensKappa.of(List.of("y", "y"), List.of("y", "y")));
    assertTrue(Double.isNaN(CohensKappa.of(List.of(), List.of())));
  }
}
