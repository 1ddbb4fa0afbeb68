package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;

/** The official calculators' rules, checked against numbers computed by hand. */
class WiseAggregatorTest {
  static ScoredSample legacy(Prompt p, double c, double r, double a) {
    return new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("wise", p.id(), 0, "reflection", "wise-judge"),
        Map.of("consistency", c, "realism", r, "aesthetic_quality", a, "wiscore", WiScore.legacy(c, r, a)), null,
        null, null, 0));
  }

  static ScoredSample failed(Prompt p) {
    return new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("wise", p.id(), 0, "reflection", "wise-judge"),
        Map.of(), null, "garbled", "no parseable WISE judgement after 3 attempts", 0));
  }

  /**
   * Cultural all (2,2,2) -> WiScore 1.0; Time all (1,1,1) -> (0.7+0.2+0.1)/2 = 0.5;
   * Space all (2,0,0) -> 1.4/2 = 0.7; Biology all (0,2,0) -> 0.4/2 = 0.2; Physics all (0,0,2) -> 0.2/2 = 0.1;
   * Chemistry: ids 901-950 (2,2,2) = 1.0 and 951-1000 (0,0,0) = 0 -> mean 0.5.
   * Official overall = 0.4*1.0 + 0.167*0.5 + 0.133*0.7 + 0.1*0.2 + 0.1*0.1 + 0.1*0.5
   *                  = 0.4 + 0.0835 + 0.0931 + 0.02 + 0.01 + 0.05 = 0.6566.
   * BAGEL unweighted mean = (1.0 + 0.5 + 0.7 + 0.2 + 0.1 + 0.5) / 6 = 3.0 / 6 = 0.5.
   */
  static final IntFunction<double[]> LEGACY_PLAN = id -> {
    if (id <= 400) return new double[] {2, 2, 2};
    if (id <= 567) return new double[] {1, 1, 1};
    if (id <= 700) return new double[] {2, 0, 0};
    if (id <= 800) return new double[] {0, 2, 0};
    if (id <= 900) return new double[] {0, 0, 2};
    return id <= 950 ? new double[] {2, 2, 2} : new double[] {0, 0, 0};
  };

  static List<ScoredSample> planned(PromptSet s) {
    List<ScoredSample> out = new ArrayList<>();
    for (Prompt p : s.prompts()) {
      double[] v = LEGACY_PLAN.apply(Integer.parseInt(p.id()));
      out.add(legacy(p, v[0], v[1], v[2]));
    }
    return out;
  }

  @Test
  void theOfficialWeightsReproduceAHandComputedOverall() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    VariantSummary v = new WiseBenchmark().aggregate(s, planned(s));
    assertEquals(1.0, v.categories().get("cultural"), 1e-12);
    assertEquals(0.5, v.categories().get("time"), 1e-12);
    assertEquals(0.7, v.categories().get("space"), 1e-12);
    assertEquals(0.2, v.categories().get("biology"), 1e-12);
    assertEquals(0.1, v.categories().get("physics"), 1e-12);
    assertEquals(0.5, v.categories().get("chemistry"), 1e-12);
    assertEquals(0.6566, v.overall(), 1e-12);
    assertEquals(0.5, (Double) v.extra().get("overall_unweighted_mean_bagel"), 1e-12);
    assertEquals(0.6566, (Double) v.extra().get("overall_on_scored"), 1e-12);
    assertEquals(1000, v.nPrompts());
    assertEquals(1000, v.nImages());
    assertEquals(0, v.failures());
    assertEquals(0, v.extra().get("missing_prompt_ids"));
  }

  @Test
  void aFailureIsCountedAndWithholdsTheOfficialOverall() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    List<ScoredSample> samples = planned(s);
    // Replace id 5 (cultural) and id 960 (chemistry, a 0-scored one) with failures.
    samples.set(4, failed(samples.get(4).prompt()));
    samples.set(959, failed(samples.get(959).prompt()));
    VariantSummary v = new WiseBenchmark().aggregate(s, samples);
    assertNull(v.overall(), "Calculate.py aborts without an overall when ids are missing");
    assertEquals(2, v.failures());
    assertEquals(998, v.nImages());
    assertEquals(2, v.extra().get("missing_prompt_ids"));
    // Never folded in as 0: cultural stays 1.0; chemistry = 50 x 1.0 / 99 scored = 0.50505...
    assertEquals(1.0, v.categories().get("cultural"), 1e-12);
    assertEquals(50.0 / 99, v.categories().get("chemistry"), 1e-12);
    // Preview with the official weights: 0.6566 - 0.1*0.5 + 0.1*50/99.
    assertEquals(0.6566 - 0.05 + 0.1 * 50.0 / 99, (Double) v.extra().get("overall_on_scored"), 1e-12);
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("overall withheld: 2 of 1000")), v.notes().toString());
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("[5, 960]")), v.notes().toString());
  }

  @Test
  void aLimitedRunHasCategoriesButNoOverall() throws Exception {
    PromptSet s = WiseTestData.load("legacy").limit(10);
    List<ScoredSample> samples = planned(s);
    VariantSummary v = new WiseBenchmark().aggregate(s, samples);
    assertEquals(1.0, v.categories().get("cultural"), 1e-12);
    assertNull(v.categories().get("time"));
    assertNull(v.overall());
    assertNull(v.extra().get("overall_on_scored"), "Calculate.py l.230: all six categories are needed");
    assertEquals(990, v.extra().get("missing_prompt_ids"));
  }

  /**
   * Verified: cultural all 1 -> 1.0; time all 0; space all 1; biology ids 641-700 = 1 (60 of 120) -> 0.5;
   * physics all 0; chemistry all 1.
   * Overall = 0.40*1 + 0.12*(0 + 1 + 0.5 + 0 + 1) = 0.4 + 0.12*2.5 = 0.4 + 0.3 = 0.7.
   */
  @Test
  void verifiedWeightsToo() throws Exception {
    PromptSet s = WiseTestData.load("verified");
    List<ScoredSample> samples = new ArrayList<>();
    for (Prompt p : s.prompts()) {
      int id = Integer.parseInt(p.id());
      double score = id <= 400 ? 1 : id <= 520 ? 0 : id <= 640 ? 1 : id <= 700 ? 1 : id <= 760 ? 0
          : id <= 880 ? 0 : 1;
      samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("wise", p.id(), 0, "reflection", "x"),
          Map.of("score", score, "wiscore", score), null, null, null, 0)));
    }
    VariantSummary v = new WiseBenchmark().aggregate(s, samples);
    assertEquals(0.5, v.categories().get("biology"), 1e-12);
    assertEquals(0.7, v.overall(), 1e-12);
    assertTrue(!v.extra().containsKey("overall_unweighted_mean_bagel"), "BAGEL's convention is legacy-only");
    assertEquals("verified", v.extra().get("version"));
  }

  @Test
  void thePaperTableHasTheIrgColumns() {
    var t = new WiseBenchmark().paperTable();
    assertEquals(List.of("Cultural", "Time", "Space", "Biology", "Physics", "Chemistry", "Overall"),
        t.columns().stream().map(c -> c.header()).toList());
    assertEquals(List.of("cultural", "time", "space", "biology", "physics", "chemistry", "overall"),
        t.columns().stream().map(c -> c.key()).toList());
    var irg = t.rows().get("irg").get(0);
    assertEquals("IRG", irg.label());
    assertEquals(0.77, irg.values().get("overall"));
    assertNull(irg.values().get("cultural"), "not published: left out, not guessed");
  }
}
