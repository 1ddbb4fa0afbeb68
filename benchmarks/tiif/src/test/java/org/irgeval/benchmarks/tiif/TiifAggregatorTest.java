package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** The official aggregation on hand-computed cases (docs/tiif.md section 3). */
class TiifAggregatorTest {
  private final List<ScoredSample> samples = new ArrayList<>();
  private final List<Prompt> prompts = new ArrayList<>();

  private void image(String type, String length, int line, int correct, int total) {
    ObjectNode meta = Json.mapper().createObjectNode();
    meta.put("type", type);
    meta.put("length", length);
    meta.put("line_idx", line);
    Prompt p = new Prompt(TiifPromptLoader.idOf(type, length, line), prompts.size(), "p",
        length + "/" + TiifGroups.groupOf(type).orElseThrow(), meta);
    prompts.add(p);
    Map<String, Double> v = new LinkedHashMap<>();
    v.put(TiifAggregator.CORRECT, (double) correct);
    v.put(TiifAggregator.TOTAL, (double) total);
    samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("tiif", p.id(), 0, "reflection", "t"), v, null,
        null, null, 0)));
  }

  private VariantSummary aggregate() {
    return new TiifAggregator().aggregate(new PromptSet("tiif", "testmini", prompts, List.of(), Map.of()), samples);
  }

  @Test
  void typeAccuracyIsRoundedHalfEvenToFourDecimalsAsThePythonScriptWritesIt() {
    assertEquals(0.5312, TiifAggregator.round4(17.0 / 32), 0);
    assertEquals(0.7917, TiifAggregator.round4(19.0 / 24), 0);
    assertEquals(0.8333, TiifAggregator.round4(30.0 / 36), 0);
    assertEquals(0.7949, TiifAggregator.round4(31.0 / 39), 0);
  }

  @Test
  void basicRelationOfSd3ShortByHand() {
    // docs/tiif.md 3.3: 21/24, 19/24, 30/36, 31/39 -> (0.8750 + 0.7917 + 0.8333 + 0.7949) / 4 = 0.823725
    image("2d_spatial_relation", "short", 0, 21, 24);
    image("3d_spatial_relation", "short", 0, 19, 24);
    image("action+2d", "short", 0, 30, 36);
    image("action+3d", "short", 0, 31, 39);
    VariantSummary s = aggregate();
    assertEquals(82.3725, s.categories().get("short/Basic_Relation"), 1e-9);
    // the only group with data: the short overall is that group; no long data, so no combined overall
    assertEquals(82.3725, s.categories().get("short/overall"), 1e-9);
    assertNull(s.categories().get("long/overall"));
    assertNull(s.overall());
    assertEquals(82.3725, (Double) s.extra().get("short/basic_following"), 1e-9);
  }

  @Test
  void microWithinATypeMacroAcrossTypesGroupsAndMissingGroupsSkipped() {
    // one type, two images: 4 of 5 and 0 of 3 -> 4/8 = 0.5 (not mean(0.8, 0) = 0.4)
    image("numeracy", "short", 0, 4, 5);
    image("numeracy", "short", 1, 0, 3);
    // another basic-reasoning type: 1/1 -> group = (0.5 + 1) / 2 = 0.75
    image("negation", "short", 0, 1, 1);
    // text group 2/4 = 0.5; the overall is the mean of the two groups with data = (0.75 + 0.5) / 2
    image("text", "short", 0, 2, 4);
    image("text", "long", 0, 3, 4);
    VariantSummary s = aggregate();
    assertEquals(75.0, s.categories().get("short/Basic_Reasoning"), 1e-9);
    assertEquals(50.0, s.categories().get("short/Advanced_Text Generation"), 1e-9);
    assertEquals(62.5, s.categories().get("short/overall"), 1e-9);
    assertEquals(75.0, s.categories().get("long/overall"), 1e-9);
    assertEquals((62.5 + 75.0) / 2, s.overall(), 1e-9);
    assertNull(s.categories().get("short/Basic_Attribute"));
    assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("short overall is the mean of 2 of 9 groups")),
        s.notes().toString());
    // Advanced following: flat mean over the advanced types with data (only text) = 0.5
    assertEquals(50.0, (Double) s.extra().get("short/advanced_following"), 1e-9);
    assertEquals(5, s.nImages());
  }
}
