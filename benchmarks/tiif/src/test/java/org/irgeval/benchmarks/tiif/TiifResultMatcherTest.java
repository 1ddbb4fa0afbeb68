package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import of results in the layout of the released TIIF testmini results (A113N-W3I/TIIF-Bench@3aae750
 * {@code eval-results/testmini_subset_eval_results_<judge>/<model>/<type>/<short|long>/<line_idx>.json}), on a small
 * data folder and result tree this test writes itself, shaped as the released ones are (docs/tiif.md sections 1.5,
 * 1.6): testmini {@code style} is a reordered subset of the full set whose lines share questions, the records are
 * named by full-set line, and testmini {@code real_world} says its full-set line in {@code corrspond_idx}.
 */
class TiifResultMatcherTest {
  @TempDir
  Path tmp;

  private static final String DISNEY = "Is the image in Disney style?";
  private static final String UKIYO = "Is the image in ukiyo-e style?";

  /** Full-set style lines 0-5; testmini lines 0, 1, 2 are full-set lines 5, 2, 0 (as testmini 17 is full 118). */
  private static final String[][] FULL_STYLE = {
      {"A boat on a wave, ukiyo-e style.", UKIYO}, {"A tree in the wind, Disney style.", DISNEY},
      {"A fox in the snow, Disney style.", DISNEY}, {"A crane by a pond, ukiyo-e style.", UKIYO},
      {"A lighthouse at night, Disney style.", DISNEY}, {"A castle at dusk, Disney style.", DISNEY}};
  private static final int[] MINI_STYLE = {5, 2, 0};

  private Path data(boolean withFullSet) throws Exception {
    Path d = tmp.resolve(withFullSet ? "data-full" : "data-mini");
    StringBuilder mp = new StringBuilder();
    StringBuilder me = new StringBuilder();
    for (int full : MINI_STYLE) {
      mp.append(prompt("style", FULL_STYLE[full][0]));
      me.append(questions("style", List.of(FULL_STYLE[full][1]), List.of("Yes"), null));
    }
    write(d.resolve("tiif/testmini_prompts/style_prompts.jsonl"), mp.toString());
    write(d.resolve("tiif/testmini_eval_prompts/style_eval_prompts.jsonl"), me.toString());
    // real_world: testmini lines 0, 1 are full-set lines 3, 1, and their questions records say so
    write(d.resolve("tiif/testmini_prompts/real_world_prompts.jsonl"),
        prompt("real_world", "A kitchen with a red kettle on the stove.")
            + prompt("real_world", "A desk with a green lamp and a blue mug."));
    write(d.resolve("tiif/testmini_eval_prompts/real_world_eval_prompts.jsonl"),
        questions("real_world", List.of("Is there a red kettle?  ", "Is the kettle on the stove?"), List.of("yes", "Yes"),
            3)
            + questions("real_world", List.of("Is there a green lamp?", "Is there a blue mug?"), List.of("yes", "no"), 1));
    if (withFullSet) {
      StringBuilder fp = new StringBuilder();
      for (String[] line : FULL_STYLE) {
        fp.append(prompt("style", line[0]));
      }
      write(d.resolve("tiif/test_prompts/style_prompts.jsonl"), fp.toString());
    }
    return d;
  }

  private static String prompt(String type, String text) throws Exception {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("type", type);
    o.put("short_description", text);
    o.put("long_description", "In detail: " + text);
    return Json.mapper().writeValueAsString(o) + "\n";
  }

  private static String questions(String type, List<String> qs, List<String> as, Integer fullLine) throws Exception {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("type", type);
    o.set("yn_question_list", Json.mapper().valueToTree(qs));
    o.set("yn_answer_list", Json.mapper().valueToTree(as));
    if (fullLine != null) {
      o.put("corrspond_idx", fullLine);
    }
    return Json.mapper().writeValueAsString(o) + "\n";
  }

  /** One official record (eval_with_vlm.py l.198-209) at {@code <model>/<folderType>/<folderLength>/<line>.json}. */
  private static void record(Path model, String folderType, String folderLength, String attribute, String desc, int line,
                             List<String> qs, List<String> gt, List<String> pred) throws Exception {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("attribute", attribute);
    o.put("desc", desc);
    o.put("jsonl_file", attribute + "_eval_prompts.jsonl");
    o.put("line_idx", line);
    o.set("questions", Json.mapper().valueToTree(qs));
    o.set("gt_answers", Json.mapper().valueToTree(gt));
    o.set("model_pred", Json.mapper().valueToTree(pred));
    o.put("model_output", String.join("\n", pred));
    write(model.resolve(folderType).resolve(folderLength).resolve(line + ".json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
  }

  private static void record(Path model, String type, String length, int line, List<String> qs, List<String> gt,
                             List<String> pred) throws Exception {
    record(model, type, length, type, length + "_description", line, qs, gt, pred);
  }

  private static void write(Path f, String text) throws Exception {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  /** The released shape: style and real_world records named by full-set line. */
  private Path released() throws Exception {
    Path m = tmp.resolve("eval-results/testmini_subset_eval_results_GPT-4o/some-model");
    for (String length : TiifPromptLoader.LENGTHS) {
      boolean s = length.equals("short");
      record(m, "style", length, 5, List.of(DISNEY), List.of("Yes"), List.of("yes"));
      record(m, "style", length, 2, List.of(DISNEY), List.of("Yes"), List.of(s ? "no" : "yes"));
      record(m, "style", length, 0, List.of(UKIYO), List.of("Yes"), List.of("no"));
      record(m, "real_world", length, 3, List.of("Is there a red kettle?  ", "Is the kettle on the stove?"),
          List.of("yes", "Yes"), List.of("yes", s ? "yes" : "no"));
      record(m, "real_world", length, 1, List.of("Is there a green lamp?", "Is there a blue mug?"), List.of("yes", "no"),
          List.of("yes", "yes"));
    }
    return m;
  }

  private static Map<String, String> filedUnder(List<ScoredSample> samples) {
    Map<String, String> out = new TreeMap<>();
    samples.forEach(s -> out.put(s.prompt().id(), s.score().value(TiifAggregator.CORRECT) + "/"
        + s.score().value(TiifAggregator.TOTAL)));
    return out;
  }

  @Test
  void releasedStyleAndRealWorldRecordsAreFiledUnderTheirTestminiPromptsByFullSetLine() throws Exception {
    Path m = released();
    TiifResultsImporter importer = new TiifResultsImporter();
    PromptSet set = new TiifBenchmark().load(data(true), Map.of());
    assertEquals(5, set.prompts().stream().filter(p -> p.id().equals("style/short/0")).findFirst().orElseThrow()
        .metadata().path("full_line_idx").asInt(), "testmini style line 0 is full-set line 5 (same descriptions)");
    List<ScoredSample> samples = importer.read(m, set);
    // full line 5 -> testmini 0, full 2 -> testmini 1, full 0 -> testmini 2; real_world by corrspond_idx 3 -> 0, 1 -> 1
    assertEquals(Map.of("style/short/0", "1.0/1.0", "style/short/1", "0.0/1.0", "style/short/2", "0.0/1.0",
        "style/long/0", "1.0/1.0", "style/long/1", "1.0/1.0", "style/long/2", "0.0/1.0",
        "real_world/short/0", "2.0/2.0", "real_world/short/1", "1.0/2.0",
        "real_world/long/0", "1.0/2.0", "real_world/long/1", "1.0/2.0"), filedUnder(samples));

    // the same numbers as the official aggregation, which needs no prompt file (--prompts-from-results)
    PromptSet own = importer.promptsFromResults(m, Map.of()).orElseThrow();
    VariantSummary official = new TiifAggregator().aggregate(own, importer.read(m, own));
    VariantSummary matched = new TiifAggregator().aggregate(set, samples);
    assertEquals(official.categories(), matched.categories());
    // by hand: short style 1/3 -> 0.3333, real_world 3/4 -> 0.75; overall = mean of the two groups, x100
    assertEquals(100 * (0.3333 + 0.75) / 2, matched.categories().get("short/overall"), 1e-9);
    assertEquals(100 * (0.6667 + 0.5) / 2, matched.categories().get("long/overall"), 1e-9);
  }

  @Test
  void withoutTheFullSetSharedQuestionsGoToFreePromptsAskingThemAndTheNumbersStay() throws Exception {
    Path m = released();
    TiifResultsImporter importer = new TiifResultsImporter();
    PromptSet set = new TiifBenchmark().load(data(false), Map.of());
    assertFalse(set.prompts().get(0).metadata().has("full_line_idx") && set.prompts().get(0).id().startsWith("style"));
    List<ScoredSample> samples = importer.read(m, set);
    Map<String, String> got = filedUnder(samples);
    assertEquals(10, got.size(), got.toString());
    assertEquals("0.0/1.0", got.get("style/short/2"), "the one ukiyo-e record goes to the one ukiyo-e prompt");
    PromptSet own = importer.promptsFromResults(m, Map.of()).orElseThrow();
    assertEquals(new TiifAggregator().aggregate(own, importer.read(m, own)).categories(),
        new TiifAggregator().aggregate(set, samples).categories());
  }

  @Test
  void ourOwnExportsMatchByLine() throws Exception {
    Path m = tmp.resolve("ours");
    // numbered by testmini line: line 0 asks Disney, line 2 asks ukiyo-e
    record(m, "style", "short", 0, List.of(DISNEY), List.of("Yes"), List.of("yes"));
    record(m, "style", "short", 1, List.of(DISNEY), List.of("Yes"), List.of("no"));
    record(m, "style", "short", 2, List.of(UKIYO), List.of("Yes"), List.of("yes"));
    Map<String, String> got = filedUnder(new TiifResultsImporter().read(m, new TiifBenchmark().load(data(true),
        Map.of())));
    assertEquals(Map.of("style/short/0", "1.0/1.0", "style/short/1", "0.0/1.0", "style/short/2", "1.0/1.0"), got);
  }

  /**
   * summary_results.py l.62-80 takes type and length from the folders, not from the record's attribute and desc, and
   * reads no file outside {@code <type>/<length>/}.
   */
  @Test
  void typeAndLengthComeFromTheFoldersAsInTheOfficialSummary() throws Exception {
    Path m = tmp.resolve("folders");
    record(m, "style", "short", "text", "long_description", 0, List.of(DISNEY), List.of("Yes"), List.of("yes"));
    write(m.resolve("notes.json"), "{\"not\": \"a result\"}");
    write(m.resolve("style/notes.json"), "[]");
    TiifResultsImporter importer = new TiifResultsImporter();
    PromptSet own = importer.promptsFromResults(m, Map.of()).orElseThrow();
    assertEquals(List.of("style/short/0"), own.prompts().stream().map(p -> p.id()).toList());
    assertEquals(Map.of("style/short/0", "1.0/1.0"), filedUnder(importer.read(m, own)));

    Path bad = tmp.resolve("bad");
    record(bad, "stlye", "short", "style", "short_description", 0, List.of(DISNEY), List.of("Yes"), List.of("yes"));
    DataException e = assertThrows(DataException.class, () -> importer.promptsFromResults(bad, Map.of()));
    assertTrue(e.file().endsWith("0.json") && e.getMessage().contains("'stlye' is not one of the 39"), e.getMessage());
  }

  @Test
  void aCopiedFileAndQuestionsNoPromptAsksAreRefusedByFile() throws Exception {
    Path m = released();
    Files.copy(m.resolve("style/short/5.json"), m.resolve("style/short/5 (copy).json"));
    PromptSet set = new TiifBenchmark().load(data(true), Map.of());
    DataException e = assertThrows(DataException.class, () -> new TiifResultsImporter().read(m, set));
    assertEquals("line_idx", e.field());
    assertTrue(e.getMessage().contains("line 5 again"), e.getMessage());

    Path other = tmp.resolve("other");
    record(other, "style", "short", 7, List.of("Is the image in cubist style?"), List.of("Yes"), List.of("yes"));
    DataException q = assertThrows(DataException.class, () -> new TiifResultsImporter().read(other, set));
    assertEquals("questions", q.field());
    assertTrue(q.file().endsWith("7.json"), q.file());
  }
}
