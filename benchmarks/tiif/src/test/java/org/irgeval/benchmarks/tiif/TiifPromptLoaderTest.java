package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.testkit.OfficialData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiifPromptLoaderTest {
  @TempDir
  Path tmp;

  private static PromptSet load(Path data, String set, String fix) throws DataException {
    return new TiifBenchmark().load(data, Map.of("set", set, "eval_fix", fix));
  }

  @Test
  void testminiHas277LinesEachShortAndLongWithTheOfficialGroupCounts() throws Exception {
    PromptSet s = load(OfficialData.root("tiif"), "testmini", "none");
    assertEquals(554, s.prompts().size(), "277 lines x short and long");
    assertEquals("testmini", s.version());
    // docs/tiif.md 1.4, per group (testmini prompts): 30, 32, 32, 34, 32, 32, 30, 30, 25
    int[] want = {30, 32, 32, 34, 32, 32, 30, 30, 25};
    int k = 0;
    for (String g : TiifGroups.GROUPS.keySet()) {
      assertEquals(want[k], s.categories().get("short/" + g), g);
      assertEquals(want[k++], s.categories().get("long/" + g), g);
    }
    assertEquals(78, s.files().size(), "39 prompt files and 39 question files, hashed (the full set's prompt files,"
        + " read for full_line_idx only, change no score and are not listed)");
    // docs/tiif.md 1.5: testmini style line 0 is full-set line 228, real_world line 0 is 27 (its corrspond_idx)
    assertEquals(228, s.prompts().stream().filter(x -> x.id().equals("style/short/0")).findFirst().orElseThrow()
        .metadata().path("full_line_idx").asInt());
    assertEquals(27, s.prompts().stream().filter(x -> x.id().equals("real_world/long/0")).findFirst().orElseThrow()
        .metadata().path("full_line_idx").asInt());
    assertEquals(7, s.prompts().stream().filter(x -> x.id().equals("negation/long/7")).findFirst().orElseThrow()
        .metadata().path("full_line_idx").asInt());
    Prompt p = s.prompts().stream().filter(x -> x.id().equals("negation/long/0")).findFirst().orElseThrow();
    assertEquals(p.metadata().path("prompt").path("long_description").asText(), p.text());
    assertEquals("long/Basic_Reasoning", p.category());
    assertEquals("negation", p.metadata().path("eval").path("type").asText());
  }

  @Test
  void theFullSetsShiftedComparisonQuestionsAreRefusedByNameUnlessFixed() throws Exception {
    Path data = OfficialData.root("tiif");
    DataException e = assertThrows(DataException.class, () -> load(data, "full", "none"));
    assertEquals("tiif/test_eval_prompts/comparison_eval_prompts.jsonl", e.file());
    assertEquals(24, e.line(), "TIIF issue #10: wrong from line 24 on");
    assertTrue(e.getMessage().contains("tiif.eval_fix=derived"), e.getMessage());
    PromptSet fixed = load(data, "full", "derived");
    assertEquals(2 * 2538, fixed.prompts().size());
    assertEquals("full+derived-fix(comparison)", fixed.version());
    assertTrue(fixed.files().stream().anyMatch(f -> f.path().equals(
        "tiif/derived_fixed_test_eval_prompts/comparison_eval_prompts.jsonl")));
  }

  private Path data(String prompts, String evals) throws Exception {
    Path d = tmp.resolve("data");
    Files.createDirectories(d.resolve("tiif/testmini_prompts"));
    Files.createDirectories(d.resolve("tiif/testmini_eval_prompts"));
    Files.writeString(d.resolve("tiif/testmini_prompts/negation_prompts.jsonl"), prompts);
    Files.writeString(d.resolve("tiif/testmini_eval_prompts/negation_eval_prompts.jsonl"), evals);
    return d;
  }

  private static final String P = "{\"type\": \"negation\", \"short_description\": \"A vase with no flowers.\","
      + " \"long_description\": \"An empty glass vase with no flowers.\"}\n";
  private static final String E = "{\"type\": \"negation\", \"yn_question_list\": [\"Is there a vase in the image?\"],"
      + " \"yn_answer_list\": [\"yes\"]}\n";

  @Test
  void malformedFilesNameFileLineAndField() throws Exception {
    record Case(String prompts, String evals, String file, long line, String field) {}
    List<Case> cases = List.of(
        new Case(P + "\n" + P, E + E, "tiif/testmini_prompts/negation_prompts.jsonl", 2, null),
        new Case(P.replace("\"negation\"", "\"numeracy\""), E, "tiif/testmini_prompts/negation_prompts.jsonl", 1, "type"),
        new Case(P, E.replace("[\"yes\"]", "[\"maybe\"]"), "tiif/testmini_eval_prompts/negation_eval_prompts.jsonl", 1,
            "yn_answer_list[0]"),
        new Case(P, E.replace("[\"yes\"]", "[\"yes\", \"no\"]"),
            "tiif/testmini_eval_prompts/negation_eval_prompts.jsonl", 1, "yn_answer_list"),
        new Case(P.replace("\"short_description\": \"A vase with no flowers.\",", ""), E,
            "tiif/testmini_prompts/negation_prompts.jsonl", 1, "short_description"),
        new Case(P + P, E, "tiif/testmini_eval_prompts/negation_eval_prompts.jsonl", 0, null));
    for (Case c : cases) {
      Path d = data(c.prompts(), c.evals());
      DataException e = assertThrows(DataException.class, () -> load(d, "testmini", "none"), c.toString());
      assertEquals(c.file(), e.file(), e.getMessage());
      assertEquals(c.line(), e.line(), e.getMessage());
      assertEquals(c.field(), e.field(), e.getMessage());
    }
    assertEquals(2, load(data(P, E), "testmini", "none").prompts().size());
  }

  @Test
  void alignmentCheckFlagsARunOfShiftedLinesOnly() {
    List<String> prompts = List.of("a red apple", "a blue chair", "a green kite", "a small boat", "an old lamp",
        "a tall giraffe");
    List<String> aligned = List.of("Is there an apple?", "Is there a chair?", "Is there a kite?", "Is there a boat?",
        "Is there a lamp?", "Is there a giraffe?");
    assertEquals(List.of(), TiifAlignmentCheck.shiftedLines(prompts, aligned));
    List<String> shifted = List.of("Is there an apple?", "Is there a kite?", "Is there a boat?", "Is there a lamp?",
        "Is there a giraffe?", "Is there a chair?");
    assertEquals(List.of(1, 2, 3, 4, 5), TiifAlignmentCheck.shiftedLines(prompts, shifted));
  }
}
