package org.irgeval.benchmarks.oneig;

import static org.irgeval.benchmarks.oneig.OneIgTestPrompts.black;
import static org.irgeval.benchmarks.oneig.OneIgTestPrompts.emb;
import static org.irgeval.benchmarks.oneig.OneIgTestPrompts.prompt;
import static org.irgeval.benchmarks.oneig.OneIgTestPrompts.tile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;

/** The official aggregation rules on hand-computed cases. */
class OneIgAggregatorTest {
  private final OneIgAggregator agg = new OneIgAggregator();

  @Test
  void blackTilesAreDroppedAndPromptsAveragedOverTheRest() {
    Prompt a = prompt("anime", "000", 0, null);
    Prompt h = prompt("human", "000", 1, null);
    Prompt o = prompt("object", "000", 2, null);
    List<ScoredSample> s = OneIgTestPrompts.list(black(a, 0), tile(a, 1, Map.of("alignment", 0.5)),
        tile(a, 2, Map.of("alignment", 1.0)), tile(h, 0, Map.of("alignment", 0.25)), black(o, 0), black(o, 1),
        black(o, 2), black(o, 3));
    VariantSummary v = agg.aggregate(OneIgTestPrompts.set(a, h, o), s);
    // anime (0.5 + 1) / 2 = 0.75; human 0.25; object all black: left out -> (0.75 + 0.25) / 2
    assertEquals(0.5, v.categories().get("alignment"), 1e-12);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Integer>> counts = (Map<String, Map<String, Integer>>) v.extra().get("counts");
    assertEquals(1, counts.get("alignment").get("prompts_all_black"));
    assertEquals(5, counts.get("alignment").get("black_tiles"));
    assertNull(v.overall(), "no text, reasoning, style: the overall is withheld");
    assertTrue(v.notes().stream().anyMatch(n -> n.startsWith("overall withheld")));
  }

  @Test
  void textIsMicroAveragedOverTiles() {
    Prompt t1 = prompt("text", "000", 0, null);
    Prompt t2 = prompt("text", "001", 1, null);
    List<ScoredSample> s = OneIgTestPrompts.list(
        tile(t1, 0, text(10, 0, 1, 2)), tile(t1, 1, text(0, 1, 2, 2)), black(t1, 2), tile(t2, 0, text(40, 0, 0, 4)));
    VariantSummary v = agg.aggregate(OneIgTestPrompts.set(t1, t2), s);
    // ED = 50/3, CR = 1/3, WAC = 3/8: 1 - (50/3)(2/3)(5/8)/100 = 1 - 500/7200
    assertEquals(50.0 / 3, (Double) v.extra().get("text_ed"), 1e-12);
    assertEquals(1.0 / 3, (Double) v.extra().get("text_cr"), 1e-12);
    assertEquals(3.0 / 8, (Double) v.extra().get("text_wac"), 1e-12);
    assertEquals(1 - 500.0 / 7200, v.categories().get("text"), 1e-12);
  }

  @Test
  void diversityIsTheMeanPairDistanceOverNonBlackTilesSkippingSingleTilePrompts() {
    Prompt a = prompt("anime", "000", 0, null);
    Prompt r = prompt("reasoning", "000", 1, null);
    List<ScoredSample> s = OneIgTestPrompts.list(tile(a, 0, emb(1, 0)), tile(a, 1, emb(0, 1)), tile(a, 2, emb(1, 1)),
        black(a, 3), tile(r, 0, emb(1, 0)), black(r, 1), black(r, 2), black(r, 3));
    VariantSummary v = agg.aggregate(OneIgTestPrompts.set(a, r), s);
    double d = 1 - 1 / Math.sqrt(2);
    assertEquals((1 + 2 * d) / 3, v.categories().get("diversity"), 1e-12);
    @SuppressWarnings("unchecked")
    Map<String, Double> per = (Map<String, Double>) v.extra().get("diversity_per_category");
    assertEquals((1 + 2 * d) / 3, per.get("anime"), 1e-12);
    assertNull(per.get("reasoning"), "one non-black tile: skipped");
  }

  @Test
  void recordedPairDistancesAreUsedAndFourTilesOfOneSeedAreFlagged() {
    Prompt a = prompt("object", "000", 0, null);
    List<ScoredSample> s = OneIgTestPrompts.list(tile(a, 0, Map.of()), tile(a, 1, Map.of("div_d0", 0.0004)),
        tile(a, 2, Map.of("div_d0", 0.0002, "div_d1", 0.0006)), black(a, 3));
    VariantSummary v = agg.aggregate(OneIgTestPrompts.set(a), s);
    assertEquals(0.0004, v.categories().get("diversity"), 1e-12);
    assertEquals(1, v.extra().get("diversity_near_identical_prompts"));
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("issue #6")), v.notes().toString());
  }

  @Test
  void overallIsTheMeanOfTheFiveDimensions() {
    Prompt a = prompt("anime", "000", 0, "watercolor");
    Prompt t = prompt("text", "000", 1, null);
    Prompt r = prompt("reasoning", "000", 2, null);
    List<ScoredSample> s = OneIgTestPrompts.list(
        tile(a, 0, Map.of("alignment", 0.8, "style", 0.4, "div_e0", 1.0, "div_e1", 0.0)),
        tile(a, 1, Map.of("alignment", 0.6, "style", 0.2, "div_e0", 0.0, "div_e1", 1.0)),
        tile(t, 0, text(0, 1, 3, 3)), tile(r, 0, Map.of("reasoning", 0.3)));
    VariantSummary v = agg.aggregate(OneIgTestPrompts.set(a, t, r), s);
    // alignment 0.7, text 1, reasoning 0.3, style 0.3, diversity 1 (text and reasoning have one tile each)
    assertEquals((0.7 + 1 + 0.3 + 0.3 + 1) / 5, v.overall(), 1e-12);
  }

  @Test
  void publishedRowsAverageToTheirOverall() {
    PaperTable t = OneIgPaperTable.table();
    for (PaperTable.PaperRow row : t.rows().get("irg")) {
      if (row.values().size() == 6) {
        double mean = OneIgAggregator.DIMENSIONS.stream().mapToDouble(d -> row.values().get(d)).average().orElseThrow();
        assertEquals(row.values().get("overall"), mean, 0.0006, row.label());
      }
    }
    PaperTable.PaperRow bagel = t.rows().get("irg").stream().filter(r -> r.label().equals("BAGEL")).findFirst()
        .orElseThrow();
    assertEquals(0.3608, OneIgAggregator.DIMENSIONS.stream().mapToDouble(d -> bagel.values().get(d)).average()
        .orElseThrow(), 1e-9);
  }

  private static Map<String, Double> text(double ed, double cr, double matched, double gt) {
    return Map.of("text_ed", ed, "text_cr", cr, "text_matched", matched, "text_gt_words", gt, "text_wac",
        gt == 0 ? 0 : matched / gt);
  }
}
