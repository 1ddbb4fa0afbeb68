package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate.py show_performance_per_skill, pinned with numbers computed by hand. */
class GenAiBenchAggregatorTest {
  @TempDir
  Path tmp;

  /**
   * Demo tags: basic = 1,3,5,7; advanced = 2,4,6; attribute = 1,3,4,5,6; counting = 2,4,6; universal = none.
   * Scores 0.9, 0.2, 0.8, 0.4, 0.7, 0.3, 1.0: basic 3.4/4 = 0.85, advanced 0.9/3 = 0.3, overall (union = all 7)
   * 4.3/7 = 0.6142857..., which is not mean(basic, advanced) = 0.575.
   */
  @Test
  void tagMeansAreOverTheirOwnPromptsAndTheOverallIsPromptWeighted() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    VariantSummary v = GenAiBenchAggregator.aggregate(s, GenAiBenchTestData.scores(s, 0.9, 0.2, 0.8, 0.4, 0.7, 0.3, 1.0));
    assertEquals(0.85, v.categories().get("basic"), 1e-12);
    assertEquals(0.3, v.categories().get("advanced"), 1e-12);
    assertEquals(4.3 / 7, v.overall(), 1e-12);
    assertNotEquals((0.85 + 0.3) / 2, v.overall(), 1e-3);
    assertEquals(0.62, v.categories().get("attribute"), 1e-12);
    assertEquals(0.3, v.categories().get("counting"), 1e-12);
    assertNull(v.categories().get("universal"), "no prompt carries it");
    assertEquals(GenAiBenchTags.ALL, List.copyOf(v.categories().keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Double> std = (Map<String, Double>) v.extra().get("std");
    // advanced {0.2, 0.4, 0.3}: sum of squares 0.02 / (3 - 1) = 0.01 -> 0.1 (ddof 1, torch .std())
    assertEquals(0.1, std.get("advanced"), 1e-12);
    assertNull(std.get("action relation"), "one prompt: torch gives nan, we write null");
    assertEquals(7, v.nPrompts());
  }

  /** Prompt 3 carries no tag: the overall is the union of tagged prompts (0.9+0.3)/2 = 0.6, not 1.2/3 = 0.4. */
  @Test
  void anUntaggedPromptIsOutsideTheOverall() throws Exception {
    Path data = GenAiBenchTestData.data(tmp, "{\"00001\": {\"prompt\": \"a\"}, \"00002\": {\"prompt\": \"b\"},"
        + " \"00003\": {\"prompt\": \"c\"}}", "{\"basic\": [1], \"advanced\": [2], \"attribute\": [1, 2]}");
    PromptSet s = new GenAiBenchBenchmark().load(data, Map.of());
    assertEquals(Map.of("basic", 1, "advanced", 1, "untagged", 1), Map.copyOf(s.categories()));
    VariantSummary v = GenAiBenchAggregator.aggregate(s, GenAiBenchTestData.scores(s, 0.9, 0.3, 0.0));
    assertEquals(0.6, v.overall(), 1e-12);
    assertEquals(0.6, v.categories().get("attribute"), 1e-12);
  }

  /**
   * Prompt 1 listed twice under "counting": the official code appends it once per listing (linzhiqiu/t2v_metrics@6ecb74f
   * genai_bench/evaluate.py l.46-57: {@code our_scores[[0, 0, 1]].mean()}), so counting = (0.9 + 0.9 + 0.3) / 3 = 0.7,
   * not 0.6; "all" is a set union (l.64-70) and counts it once: (0.9 + 0.3 + 0.6) / 3 = 0.6.
   */
  @Test
  void aPromptListedTwiceUnderOneTagCountsTwiceThereAsOfficially() throws Exception {
    Path data = GenAiBenchTestData.data(tmp, "{\"00001\": {\"prompt\": \"a\"}, \"00002\": {\"prompt\": \"b\"},"
        + " \"00003\": {\"prompt\": \"c\"}}", "{\"basic\": [1, 2], \"counting\": [1, 1, 2], \"advanced\": [3]}");
    PromptSet s = new GenAiBenchBenchmark().load(data, Map.of());
    VariantSummary v = GenAiBenchAggregator.aggregate(s, GenAiBenchTestData.scores(s, 0.9, 0.3, 0.6));
    assertEquals(0.7, v.categories().get("counting"), 1e-12);
    assertEquals(0.6, v.categories().get("basic"), 1e-12);
    assertEquals(0.6, v.overall(), 1e-12);
    @SuppressWarnings("unchecked")
    Map<String, Double> std = (Map<String, Double>) v.extra().get("std");
    // {0.9, 0.9, 0.3}: squares 0.04 + 0.04 + 0.16 = 0.24, / (3 - 1) = 0.12 -> sqrt 0.3464...
    assertEquals(Math.sqrt(0.12), std.get("counting"), 1e-12);
    @SuppressWarnings("unchecked")
    Map<String, Integer> per = (Map<String, Integer>) v.extra().get("prompts_per_tag");
    assertEquals(3, per.get("counting"), "entries of the tag's list, as the official list has");
  }

  @Test
  void withoutATagFileTheOverallIsTheMeanOfAllPromptsWithANote() throws Exception {
    Path data = GenAiBenchTestData.data(tmp, "{\"00001\": {\"prompt\": \"a\"}, \"00002\": {\"prompt\": \"b\"},"
        + " \"00003\": {\"prompt\": \"c\"}}", null);
    PromptSet s = new GenAiBenchBenchmark().load(data, Map.of());
    assertTrue(s.version().contains("no skill tags"), s.version());
    VariantSummary v = GenAiBenchAggregator.aggregate(s, GenAiBenchTestData.scores(s, 0.9, 0.3, 0.0));
    assertEquals(0.4, v.overall(), 1e-12);
    v.categories().values().forEach(c -> assertNull(c));
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("per-skill table is omitted")), v.notes().toString());
  }

  @Test
  void aFailureIsCountedAndWithholdsTheOverallLikeAMissingImage() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    List<ScoredSample> xs = new ArrayList<>(GenAiBenchTestData.scores(s, 0.9, 0.2, 0.8, 0.4, 0.7, 0.3));
    xs.add(GenAiBenchTestData.failed(s.prompts().get(6), 0));
    VariantSummary v = GenAiBenchAggregator.aggregate(s, xs);
    assertEquals(1, v.failures());
    assertEquals(6, v.nImages());
    assertNull(v.overall());
    assertEquals(3.3 / 6, (Double) v.extra().get(VariantSummary.PREVIEW), 1e-12);
    assertEquals(2.4 / 3, v.categories().get("basic"), 1e-12, "prompt 7 is left out, not a zero");
  }

  /** Several images per prompt: each prompt's mean first (evaluate.py l.145), then the tag means. */
  @Test
  void imagesOfOnePromptAreAveragedFirst() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    List<ScoredSample> xs = new ArrayList<>(GenAiBenchTestData.scores(s, 0.9, 0.2, 0.8, 0.4, 0.7, 0.3, 1.0));
    xs.add(GenAiBenchTestData.scored(s.prompts().get(1), 1, 0.6)); // prompt 2: (0.2 + 0.6) / 2 = 0.4
    VariantSummary v = GenAiBenchAggregator.aggregate(s, xs);
    assertEquals((0.4 + 0.4 + 0.3) / 3, v.categories().get("advanced"), 1e-12);
    assertEquals(8, v.nImages());
    assertEquals(7, v.nPrompts());
  }
}
