package org.irgeval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The bootstrap on all cores gives exactly the single-threaded numbers (same replicates, same draws). */
class ParallelBootstrapTest {
  private static List<ScoredSample> variant(Random r, int prompts, int samples, String v) {
    List<ScoredSample> out = new ArrayList<>();
    for (int i = 0; i < prompts; i++) {
      Prompt p = new Prompt("p" + i, i, "t", "c" + (i % 7), null);
      for (int s = 0; s < samples; s++) {
        out.add(new ScoredSample(p, s, new ScoreRecord(new ScoreKey("b", p.id(), s, v, "sc"),
            Map.of("x", r.nextDouble() < 0.6 ? 1.0 : 0.0), null, null, null, 0)));
      }
    }
    return out;
  }

  private static final Function<List<ScoredSample>, Double> MEAN_OF_CATEGORY_MEANS = l -> {
    Map<String, double[]> m = new java.util.TreeMap<>();
    for (ScoredSample s : l) {
      double[] a = m.computeIfAbsent(s.prompt().category(), k -> new double[2]);
      a[0] += s.score().value("x");
      a[1]++;
    }
    return m.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(Double.NaN);
  };

  @Test
  void anyThreadCountGivesTheSingleThreadedResult() {
    Random r = new Random(3);
    List<ScoredSample> a = variant(r, 300, 4, "no-reflection");
    List<ScoredSample> b = variant(r, 300, 4, "reflection");
    StratifiedBootstrap one = new StratifiedBootstrap(1000, 20250906L, 1);
    double[] ci1 = one.ci95(a, MEAN_OF_CATEGORY_MEANS);
    StratifiedBootstrap.PairedReplicates p1 = one.pairedReplicates(a, b, MEAN_OF_CATEGORY_MEANS);
    for (int threads : new int[] {2, 3, 8}) {
      StratifiedBootstrap many = new StratifiedBootstrap(1000, 20250906L, threads);
      assertArrayEquals(ci1, many.ci95(a, MEAN_OF_CATEGORY_MEANS), 0.0, threads + " threads");
      StratifiedBootstrap.PairedReplicates pn = many.pairedReplicates(a, b, MEAN_OF_CATEGORY_MEANS);
      assertArrayEquals(p1.deltas(), pn.deltas(), 0.0, "replicate by replicate, " + threads + " threads");
      assertEquals(p1.delta(), pn.delta(), 0.0);
    }
  }
}
