package org.irgeval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.junit.jupiter.api.Test;

class StratifiedBootstrapTest {
  private static ScoredSample s(String id, String cat, double v) {
    return new ScoredSample(new Prompt(id, 0, "p", cat, null), 0,
        new ScoreRecord(new ScoreKey("b", id, 0, "v", "s"), Map.of("x", v), null, null, null, 0));
  }

  private static final Function<List<ScoredSample>, Double> MEAN =
      l -> l.stream().mapToDouble(x -> x.score().value("x")).average().orElse(Double.NaN);

  private static ScoredSample image(String id, int sample, double v) {
    return new ScoredSample(new Prompt(id, 0, "p", "c", null), sample,
        new ScoreRecord(new ScoreKey("b", id, sample, "v", "s"), Map.of("x", v), null, null, null, 0));
  }

  /**
   * Every prompt has one right and one wrong image: resampling prompts alone sees no uncertainty at all (each prompt
   * means 0.5); the second level, images within a prompt, does. Slots keep their sample indices.
   */
  @Test
  void severalImagesPerPromptAreResampledTooKeepingTheirSlots() {
    List<ScoredSample> xs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      xs.add(image("p" + i, 0, 1));
      xs.add(image("p" + i, 1, 0));
    }
    double[] ci = new StratifiedBootstrap(1000, 7).ci95(xs, rep -> {
      assertEquals(80, rep.size());
      assertEquals(40, rep.stream().filter(x -> x.sample() == 0).count());
      return MEAN.apply(rep);
    });
    // 80 images, half right: the image-level spread of the mean is ~ sqrt(.25/80) = 0.056 (95%: about +-0.11)
    assertTrue(ci[0] < 0.45 && ci[1] > 0.55 && ci[1] - ci[0] < 0.3, ci[0] + ".." + ci[1]);
    // paired with itself, the same positions are drawn on both sides: no difference in any replicate
    StratifiedBootstrap.Difference d = new StratifiedBootstrap(300, 7).paired(xs, xs, MEAN);
    assertArrayEquals(new double[] {0, 0}, d.ci95(), 1e-12);
  }

  /** Several statistics of one aggregation per replicate: each key's CI is the one computed for it alone. */
  @Test
  void ciByKeyGivesEachKeyTheIntervalOfItsOwnBootstrap() {
    List<ScoredSample> xs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      xs.add(s("p" + i, i % 3 == 0 ? "c1" : "c2", i % 4 == 0 ? 1 : 0));
    }
    Function<List<ScoredSample>, Double> c1 = l -> MEAN.apply(l.stream()
        .filter(x -> x.prompt().category().equals("c1")).toList());
    Map<String, double[]> cis = new StratifiedBootstrap(500, 9).ci95ByKey(xs, List.of("all", "c1", "none"),
        rep -> {
          Map<String, Double> m = new HashMap<>();
          m.put("all", MEAN.apply(rep));
          m.put("c1", c1.apply(rep));
          return m;
        });
    assertArrayEquals(new StratifiedBootstrap(500, 9).ci95(xs, MEAN), cis.get("all"), 1e-12);
    assertArrayEquals(new StratifiedBootstrap(500, 9).ci95(xs, c1), cis.get("c1"), 1e-12);
    assertNull(cis.get("none"), "a key no replicate defines has no interval");
    assertTrue(cis.get("c1")[1] - cis.get("c1")[0] > cis.get("all")[1] - cis.get("all")[0],
        "20 prompts of c1 give a wider interval than all 60");
  }

  @Test
  void constantScoresGiveAZeroWidthInterval() {
    List<ScoredSample> xs = List.of(s("a", "c", 0.7), s("b", "c", 0.7), s("c", "d", 0.7));
    assertArrayEquals(new double[] {0.7, 0.7}, new StratifiedBootstrap(200, 1).ci95(xs, MEAN), 1e-12);
  }

  @Test
  void intervalContainsTheEstimateAndNarrowsWithMorePrompts() {
    List<ScoredSample> small = new ArrayList<>();
    List<ScoredSample> large = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ScoredSample x = s("p" + i, i % 2 == 0 ? "even" : "odd", i % 4 == 0 ? 1 : 0);
      large.add(x);
      if (i < 40) {
        small.add(x);
      }
    }
    double[] ciSmall = new StratifiedBootstrap(1000, 7).ci95(small, MEAN);
    double[] ciLarge = new StratifiedBootstrap(1000, 7).ci95(large, MEAN);
    assertTrue(ciLarge[0] < 0.25 && 0.25 < ciLarge[1]);
    assertTrue(ciLarge[1] - ciLarge[0] < ciSmall[1] - ciSmall[0]);
    // binomial-ish width: 1.96 * sqrt(.25*.75/400) * 2 ~ 0.085 (stratification only narrows it)
    assertTrue(ciLarge[1] - ciLarge[0] < 0.1, ciLarge[0] + ".." + ciLarge[1]);
  }

  @Test
  void everyReplicateKeepsEveryPromptSlotAndCategorySize() {
    List<ScoredSample> xs = List.of(s("a", "c1", 1), s("b", "c1", 0), s("c", "c2", 1), s("d", "c2", 0), s("e", "c2", 1));
    new StratifiedBootstrap(50, 3).ci95(xs, rep -> {
      Set<String> ids = new HashSet<>();
      long c1 = rep.stream().filter(x -> x.prompt().category().equals("c1")).count();
      rep.forEach(x -> ids.add(x.prompt().id()));
      assertEquals(Set.of("a", "b", "c", "d", "e"), ids);
      assertEquals(2, c1);
      return 0.0;
    });
  }

  @Test
  void oneDistinctPromptHasNoInterval() {
    assertNull(new StratifiedBootstrap(10, 1).ci95(List.of(s("a", "c", 1)), MEAN));
  }

  @Test
  void pairedDifferenceOfIdenticalVariantsIsExactlyZero() {
    List<ScoredSample> a = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(s("p" + i, "c", i % 3 == 0 ? 1 : 0));
    }
    StratifiedBootstrap.Difference d = new StratifiedBootstrap(500, 5).paired(a, a, MEAN);
    assertEquals(0.0, d.delta());
    assertArrayEquals(new double[] {0, 0}, d.ci95(), 0.0, "pairing removes all between-prompt variance");
    assertEquals(1.0, d.pValue());
  }

  @Test
  void pairedDifferenceFindsAConsistentImprovement() {
    List<ScoredSample> before = new ArrayList<>();
    List<ScoredSample> after = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double v = i % 2;
      before.add(s("p" + i, "c", v));
      after.add(s("p" + i, "c", i % 4 == 0 ? 1 : v)); // 15 prompts fixed, none broken: +0.25
    }
    StratifiedBootstrap.Difference d = new StratifiedBootstrap(1000, 5).paired(before, after, MEAN);
    assertEquals(0.25, d.delta(), 1e-12);
    assertTrue(d.ci95()[0] > 0.1 && d.ci95()[1] < 0.4, d.ci95()[0] + ".." + d.ci95()[1]);
    assertTrue(d.pValue() < 0.01);
  }
}
