package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The import of the official per-prompt CSVs ({@code results/<dim>_prompt_score_EN_<time>.csv}). */
class OneIgResultsImporterTest {
  @TempDir
  Path tmp;

  static Prompt text(String id, int index, String gt) {
    Prompt p = OneIgTestPrompts.prompt("text", id, index, null);
    ((ObjectNode) p.metadata()).put("text_content", gt);
    return p;
  }

  /**
   * Two text prompts with 4 tiles each (GT 2 words and 6 words). Per tile (ED, CR, matched):
   * prompt 000: (0,1,2) (0,1,2) (4,0,1) (4,0,1) -> cell [2.0, 0.5, 0.75];
   * prompt 001: (30,0,0) (30,0,3) (10,0,6) (10,0,3) -> cell [20.0, 0.0, 0.5].
   * text_score.py l.95-97 over the 8 tiles: ED = 88/8 = 11, CR = 2/8, WAC = 18/32 (not the prompt mean 0.625).
   */
  @Test
  void textIsMicroAveragedAsTheOfficialScript() throws Exception {
    Prompt a = text("000", 0, "['Hello World']");
    Prompt b = text("001", 1, "['one two three four five six']");
    PromptSet set = OneIgTestPrompts.set(a, b);
    Files.writeString(tmp.resolve("text_prompt_score_EN_2025-01-01_00-00-00.csv"),
        ",bagel\n000,\"[2.0, 0.5, 0.75]\"\n001,\"[20.0, 0.0, 0.5]\"\n");
    List<ScoredSample> samples = new OneIgResultsImporter().read(tmp, set);
    VariantSummary s = new OneIgAggregator().aggregate(set, samples);
    assertEquals(11.0, (Double) s.extra().get(OneIgAggregator.TEXT_ED), 1e-12);
    assertEquals(0.25, (Double) s.extra().get(OneIgAggregator.TEXT_CR), 1e-12);
    assertEquals(18.0 / 32, (Double) s.extra().get(OneIgAggregator.TEXT_WAC), 1e-12);
    assertEquals(OneIgRules.textScore(11, 0.25, 18.0 / 32, 100), s.categories().get(OneIgAggregator.TEXT), 1e-12);
  }

  /**
   * The same two cells when prompt 001's grid had only two non-black tiles, (30,0,0) and (10,0,6): the official
   * Text over the 6 tiles is ED = 48/6 = 8, CR = 2/6, WAC = 12/20 = 0.6, Text = 1 - 8 (2/3) 0.4 / 100 = 0.978667;
   * the CSV cannot tell, so the import gives the four-tile figures (ED 11, CR 0.25, WAC 4.5/8), Text 0.963906,
   * and the summary says it is an approximation (issue 23, O5).
   */
  @Test
  void textFromThePerPromptCsvIsFlaggedInTheNotes() throws Exception {
    Prompt a = text("000", 0, "['Hello World']");
    Prompt b = text("001", 1, "['one two three four five six']");
    PromptSet set = OneIgTestPrompts.set(a, b);
    Files.writeString(tmp.resolve("text_prompt_score_EN_2025-01-01_00-00-00.csv"),
        ",bagel\n000,\"[2.0, 0.5, 0.75]\"\n001,\"[20.0, 0.0, 0.5]\"\n");
    VariantSummary s = new OneIgAggregator().aggregate(set, new OneIgResultsImporter().read(tmp, set));
    double official = OneIgRules.textScore(8, 2.0 / 6, 0.6, 100);
    assertEquals(1 - 8 * (4.0 / 6) * 0.4 / 100, official, 1e-12);
    assertEquals(1 - 11 * 0.75 * (1 - 4.5 / 8) / 100, s.categories().get(OneIgAggregator.TEXT), 1e-12);
    assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("text: imported from the official per-prompt CSV (2"
        + " prompts)") && n.contains("approximation")), s.notes().toString());
  }

  @Test
  void otherDimensionsAndModelsFromTheCsvs() throws Exception {
    Prompt r = OneIgTestPrompts.prompt("reasoning", "000", 0, null);
    Prompt h = OneIgTestPrompts.prompt("human", "002", 1, null);
    PromptSet set = OneIgTestPrompts.set(r, h);
    Files.writeString(tmp.resolve("reasoning_prompt_score_EN_t.csv"), ",m1,m2\n000,0.25,0.5\n");
    Files.writeString(tmp.resolve("diversity_prompt_score_EN_t.csv"), ",m1,m2\nhuman_002,0.4,\nreasoning_000,0.2,0.1\n");
    DataException several = assertThrows(DataException.class, () -> new OneIgResultsImporter().read(tmp, set));
    assertTrue(several.getMessage().contains("oneig.model"), several.getMessage());
    Prompt r2 = OneIgTestPrompts.prompt("reasoning", "000", 0, null);
    Prompt h2 = OneIgTestPrompts.prompt("human", "002", 1, null);
    ((ObjectNode) r2.metadata()).put(OneIgImageLayout.MODEL_KEY, "m2");
    PromptSet set2 = OneIgTestPrompts.set(r2, h2);
    VariantSummary s = new OneIgAggregator().aggregate(set2, new OneIgResultsImporter().read(tmp, set2));
    assertEquals(0.5, s.categories().get(OneIgAggregator.REASONING), 1e-12);
    assertEquals(0.1, s.categories().get(OneIgAggregator.DIVERSITY), 1e-12); // m2's empty human cell: None, skipped
  }

  @Test
  void aBadCellNamesFileLineAndColumn() throws Exception {
    PromptSet set = OneIgTestPrompts.set(text("000", 0, "['a b']"));
    Files.writeString(tmp.resolve("text_prompt_score_EN_t.csv"), ",m\n000,\"[1, 2]\"\n");
    DataException e = assertThrows(DataException.class, () -> new OneIgResultsImporter().read(tmp, set));
    assertTrue(e.getMessage().contains("text_prompt_score_EN_t.csv") && e.getMessage().contains("2"), e.getMessage());
  }
}
