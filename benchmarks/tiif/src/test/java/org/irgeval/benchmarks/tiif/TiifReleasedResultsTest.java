package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.testkit.OfficialData;
import org.irgeval.testkit.SystemTest;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression check of issue 23: every one of the 50 released judge x model folders of TIIF testmini results
 * (A113N-W3I/TIIF-Bench@3aae750 {@code eval-results/testmini_subset_eval_results_<judge>/<model>/}) imports to the
 * same numbers with the official testmini prompt files as without them. Before the fix 48 of the 50 were refused
 * with prompt files ({@code style/long/118.json: the same prompt as .../104.json}).
 *
 * <p>The folders are rebuilt in the official layout from the compacted copy beside the official data
 * ({@code tiif/reference_eval_results_testmini.jsonl}, docs/tiif.md section 4), with the questions each record asked:
 * full-set questions line {@code idx} (equal to the released records' {@code questions} for all 27008 files,
 * docs/tiif.md section 1.6). The fast tier checks the first folder of each judge; the system tier all 50.
 */
class TiifReleasedResultsTest {
  @TempDir
  Path tmp;

  /** The official data folder (the test is skipped loudly when there is none). */
  private Path data;

  @BeforeEach
  void findData() {
    data = OfficialData.root("tiif");
  }

  /** The fast tier's sample: the first released folder of each judge (every folder: {@link #everyFolder}). */
  @Test
  void oneReleasedFolderPerJudgeGivesTheSameNumbersWithAndWithoutTheOfficialPromptFiles() throws Exception {
    Map<String, List<JsonNode>> firstOfEachJudge = new LinkedHashMap<>();
    releasedFolders().forEach((folder, records) -> {
      if (firstOfEachJudge.keySet().stream().noneMatch(f -> judge(f).equals(judge(folder)))) {
        firstOfEachJudge.put(folder, records);
      }
    });
    assertEquals(2, firstOfEachJudge.size(), "two judges");
    assertEquals(firstOfEachJudge.values().stream().mapToInt(List::size).sum(), importsAlike(firstOfEachJudge));
  }

  /** Every one of the 50 folders, 27,008 records (about 10 s; the system tier, as {@code .ci/run} runs it). */
  @Test
  @SystemTest
  void everyFolder() throws Exception {
    Map<String, List<JsonNode>> all = releasedFolders();
    assertEquals(50, all.size(), "2 judges x 25 models");
    assertEquals(27008, importsAlike(all));
  }

  private static String judge(String folder) {
    return folder.substring(0, folder.indexOf('/'));
  }

  /** The compacted released records, grouped as the released folders {@code <judge>/<model>}. */
  private Map<String, List<JsonNode>> releasedFolders() throws Exception {
    Map<String, List<JsonNode>> byFolder = new LinkedHashMap<>();
    for (String line : Files.readAllLines(data.resolve("tiif/reference_eval_results_testmini.jsonl"))) {
      JsonNode r = Json.mapper().readTree(line);
      byFolder.computeIfAbsent(r.get("judge").asText() + "/" + r.get("model").asText(), k -> new ArrayList<>()).add(r);
    }
    return byFolder;
  }

  /**
   * Writes each folder in the official layout and imports it with the official prompt files and with the prompts
   * read from the results alone; asserts the numbers agree and each record is filed under the prompt it judged.
   * Returns the number of records matched.
   */
  private int importsAlike(Map<String, List<JsonNode>> folders) throws Exception {
    PromptSet testmini = new TiifBenchmark().load(data, Map.of());
    Map<String, List<JsonNode>> fullQuestions = new HashMap<>();
    TiifResultsImporter importer = new TiifResultsImporter();
    int records = 0;
    List<String> differ = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> folder : folders.entrySet()) {
      Path dir = tmp.resolve(folder.getKey());
      for (JsonNode r : folder.getValue()) {
        write(dir, r, questions(data, fullQuestions, r.get("attribute").asText(), r.get("idx").asInt()));
      }
      PromptSet own = importer.promptsFromResults(dir, Map.of()).orElseThrow();
      VariantSummary official = new TiifAggregator().aggregate(own, importer.read(dir, own));
      List<ScoredSample> matched = importer.read(dir, testmini);
      VariantSummary withData = new TiifAggregator().aggregate(testmini, matched);
      if (!official.categories().equals(withData.categories())
          || !official.extra().get("type_accuracy").equals(withData.extra().get("type_accuracy"))
          || official.nImages() != withData.nImages()) {
        differ.add(folder.getKey() + ": " + official.categories() + " vs " + withData.categories());
      }
      records += matched.size();
      assertEquals(folder.getValue().size(), matched.size(), folder.getKey());
      assertEquals(folder.getValue().size(), matched.stream().map(s -> s.prompt().id()).distinct().count(),
          folder.getKey() + ": one record per prompt");
      // each record is filed under the testmini prompt it judged: the one whose full-set line it is named by
      Map<String, Integer> fullLineOf = new HashMap<>();
      for (ScoredSample s : matched) {
        assertTrue(s.prompt().metadata().has("full_line_idx"), s.prompt().id());
        fullLineOf.put(s.prompt().id(), s.prompt().metadata().get("full_line_idx").asInt());
      }
      for (JsonNode r : folder.getValue()) {
        String type = r.get("attribute").asText();
        String length = r.get("length").asText();
        long hits = fullLineOf.entrySet().stream().filter(e -> e.getKey().startsWith(type + "/" + length + "/")
            && e.getValue() == r.get("idx").asInt()).count();
        assertEquals(1, hits, folder.getKey() + " " + type + "/" + length + " full-set line " + r.get("idx"));
      }
    }
    assertEquals(List.of(), differ);
    return records;
  }

  private static List<String> questions(Path data, Map<String, List<JsonNode>> cache, String type, int line)
      throws Exception {
    List<JsonNode> rows = cache.get(type);
    if (rows == null) {
      rows = new ArrayList<>();
      for (String l : Files.readAllLines(data.resolve("tiif/test_eval_prompts/" + type + "_eval_prompts.jsonl"))) {
        if (!l.isBlank()) {
          rows.add(Json.mapper().readTree(l));
        }
      }
      cache.put(type, rows);
    }
    List<String> out = new ArrayList<>();
    rows.get(line).get("yn_question_list").forEach(q -> out.add(q.asText()));
    return out;
  }

  /** eval_with_vlm.py l.198-209's record at {@code <dir>/<type>/<length>/<idx>.json}. */
  private static void write(Path dir, JsonNode r, List<String> questions) throws Exception {
    String type = r.get("attribute").asText();
    String length = r.get("length").asText();
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("attribute", type);
    o.put("desc", length + "_description");
    o.put("jsonl_file", type + "_eval_prompts.jsonl");
    o.put("line_idx", r.get("idx").asInt());
    o.set("questions", Json.mapper().valueToTree(questions));
    o.set("gt_answers", r.get("gt_answers"));
    o.set("model_pred", r.get("model_pred"));
    o.put("model_output", "");
    Path f = dir.resolve(type).resolve(length).resolve(r.get("idx").asInt() + ".json");
    Files.createDirectories(f.getParent());
    Files.write(f, Json.mapper().writeValueAsBytes(o));
  }
}
