package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** The per-tile rules, pinned with hand-computed numbers. */
class OneIgRulesTest {
  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Test
  void dependencyFilterReadsRawParentAnswersSoItIsNotTransitive() throws Exception {
    JsonNode q = json("{\"1\": \"a\", \"2\": \"b\", \"3\": \"c\"}");
    JsonNode d = json("{\"1\": [0], \"2\": [1], \"3\": [2]}");
    // raw 0,1,1; q2 zeroed (parent 1 said No); q3 keeps 1 because parent 2's RAW answer is Yes: 1/3, not 0
    assertEquals(1.0 / 3, OneIgRules.alignmentTile(q, d, Map.of("1", "No", "2", "Yes", "3", "Yes")), 1e-12);
    // a parent that is no question is skipped (the bare except of alignment_score.py l.48)
    assertEquals(1.0, OneIgRules.alignmentTile(json("{\"1\": \"a\"}"), json("{\"1\": [7]}"), Map.of("1", "Yes")));
  }

  @Test
  void onlyTheExactAnswerYesCounts() throws Exception {
    JsonNode q = json("{\"1\": \"a\", \"2\": \"b\", \"3\": \"c\", \"4\": \"d\"}");
    JsonNode d = json("{\"1\": [0], \"2\": [0], \"3\": [0], \"4\": [0]}");
    assertEquals(0.25, OneIgRules.alignmentTile(q, d, Map.of("1", "Yes.", "2", "yes", "3", " Yes", "4", "Yes")));
  }

  @Test
  void textFormulaBelowAndAboveTheEditDistanceCap() {
    // 1 - 50 * 0.75 * 0.5 / 100
    assertEquals(0.8125, OneIgRules.textScore(50, 0.25, 0.5, 100), 1e-12);
    // ED 150 is capped at 100: 1 - 100 * 1 * 0.8 / 100
    assertEquals(0.2, OneIgRules.textScore(150, 0, 0.2, 100), 1e-12);
    assertEquals(1.0, OneIgRules.textScore(0, 1, 1, 100), 1e-12);
  }

  @Test
  void textTileIsCaseSensitiveAndDropsKeywordsAndPunctuation() {
    OneIgRules.TextTile t = OneIgRules.textTile("['OPEN NOW', 'Cafe']", "OPEN NOW\nCafe!");
    assertEquals(0, t.ed());
    assertEquals(1, t.cr());
    assertEquals(3, t.matched());
    assertEquals(3, t.gtWords());
    OneIgRules.TextTile u = OneIgRules.textTile("['OPEN NOW', 'Cafe']", "open NOW Cafe addCriterion");
    // "open NOW Cafe" vs "OPEN NOW Cafe": 4 substitutions; 2 of 3 words match
    assertEquals(4, u.ed());
    assertEquals(0, u.cr());
    assertEquals(2, u.matched());
    assertEquals(2.0 / 3, u.wac(), 1e-12);
    assertEquals("", OneIgRules.preprocess(OneIgRules.removeHallucinations("No text recognized.")));
  }

  @Test
  void preprocessKeepsFrenchLettersAndGluesWordsWhenCjkIsPresent() {
    assertEquals("Crème brûlée 2", OneIgRules.preprocess("  Crème\tbrûlée,  (2) "));
    assertEquals("Hello世界", OneIgRules.preprocess("Hello 世界 !"));
    assertEquals(3, OneIgRules.levenshtein("kitten", "sitting"));
    // with CJK in the GT, matching counts characters
    double[] m = OneIgRules.matchCount("世界和平", "世界");
    assertEquals(2, m[0]);
    assertEquals(0.5, m[1], 1e-12);
    assertEquals(4, m[2]);
  }

  @Test
  void ocrTokenLimitFollowsTheRawLiteralWordCount() {
    assertEquals(128, OneIgRules.ocrMaxTokens("['" + "w ".repeat(59) + "w']"));
    assertEquals(256, OneIgRules.ocrMaxTokens("['" + "w ".repeat(60) + "w']"));
  }

  @Test
  void styleTileClampsEachMaximumAtZeroAndUsesSeDotsAsGiven() {
    // SE image embedding [1, 0] (normalised) against an unnormalised reference [0.7, 0]: the dot is 0.7, not 1
    double se = OneIgRules.dot(new double[] {1, 0}, new double[] {0.7, 0});
    assertEquals((0.5 + 0.7) / 2, OneIgRules.styleTile(new double[] {0.5, 0.2, -0.1}, new double[] {se, 0.1, 0}),
        1e-12);
    assertEquals((0 + 0.3) / 2, OneIgRules.styleTile(new double[] {-0.5, -0.2, -0.1}, new double[] {0.3, 0.1, 0}),
        1e-12);
  }
}
