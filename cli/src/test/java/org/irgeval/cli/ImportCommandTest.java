package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code irg-eval import}: official score files in, our summary.json (variant "imported") out. */
class ImportCommandTest {
  @TempDir
  Path tmp;

  private static JsonNode variant(Path run, String bench) throws Exception {
    return Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path(bench)
        .path("variants").path("imported");
  }

  @Test
  void genevalResultsJsonlGivesTheSummaryScoresNumbers() throws Exception {
    List<String> meta = Files.readAllLines(CliTestSupport.shared("geneval").resolve("geneval/prompts/evaluation_metadata.jsonl"));
    // single_object (line 0): 1 of 2 images correct; two_object (line 80): 2 of 2; counting (line 179): 0 of 2.
    int[][] cases = {{0, 1}, {0, 0}, {80, 1}, {80, 1}, {179, 0}, {179, 0}};
    List<String> out = new ArrayList<>();
    int k = 0;
    for (int[] c : cases) {
      JsonNode m = Json.mapper().readTree(meta.get(c[0]));
      String line = "{\"filename\": \"imgs\\/" + String.format("%05d", c[0]) + "\\/samples\\/000" + (k++ % 2)
          + ".png\", \"tag\": \"" + m.get("tag").asText() + "\", \"prompt\": " + m.get("prompt")
          + ", \"correct\": " + (c[1] == 1) + ", \"reason\": \"\", \"metadata\": "
          + Json.mapper().writeValueAsString(meta.get(c[0])) + ", \"details\": \"{}\"}";
      out.add(line);
    }
    Path results = tmp.resolve("results.jsonl");
    Files.write(results, out);
    Path run = tmp.resolve("imported");
    CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--data", CliTestSupport.shared("geneval").toString(), "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode v = variant(run, "geneval");
    assertEquals(0.5, v.path("categories").path("single_object").asDouble(), 1e-12);
    assertEquals(1.0, v.path("categories").path("two_object").asDouble(), 1e-12);
    assertEquals(0.0, v.path("categories").path("counting").asDouble(), 1e-12);
    // summary_scores.py: the mean over the tags present, (0.5 + 1 + 0) / 3
    assertEquals(0.5, v.path("overall").asDouble(), 1e-12);
    assertEquals(6, v.path("n_images").asInt());
    assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"kind\" : \"import\""));

    // Without any data folder, like summary_scores.py: the same numbers from the results file alone.
    Path bare = tmp.resolve("bare");
    CliTestSupport.Result r2 = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--out", bare.toString());
    // the same on purpose, whatever data folder the environment names
    CliTestSupport.Result r3 = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--prompts-from-results", "--out", tmp.resolve("bare2").toString());
    assertEquals(0, r3.code(), r3.err());
    assertEquals(v.path("categories"), variant(tmp.resolve("bare2"), "geneval").path("categories"));
    assertEquals(0, r2.code(), r2.err());
    JsonNode v2 = variant(bare, "geneval");
    assertEquals(v.path("overall"), v2.path("overall"));
    assertEquals(v.path("categories"), v2.path("categories"));
    if (System.getenv("IRG_EVAL_DATA") == null) {
      // Without --data the default data root is $IRG_EVAL_DATA (CI sets it): only without it are the prompts
      // taken from the results.
      assertTrue(r2.err().contains("no official prompt files"), r2.err());
    }
  }

  @Test
  void wiseScoreFilesGiveTheWeightedOverall() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wise-official"));
    String[] files = {"cultural_common_sense_scores.jsonl", "spatio-temporal_reasoning_scores.jsonl", "natural_science_scores.jsonl"};
    int[][] ranges = {{1, 400}, {401, 700}, {701, 1000}};
    for (int f = 0; f < 3; f++) {
      List<String> lines = new ArrayList<>();
      for (int id = ranges[f][0]; id <= ranges[f][1]; id++) {
        int s = id <= 400 ? 2 : 0; // cultural all 2/2/2 (WiScore 1), everything else 0/0/0
        lines.add("{\"prompt_id\": " + id + ", \"Subcategory\": \"x\", \"consistency\": " + s + ", \"realism\": " + s
            + ", \"aesthetic_quality\": " + s + "}");
      }
      Files.write(dir.resolve(files[f]), lines);
    }
    Path run = tmp.resolve("wise-run");
    CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "wise", "--official-results", dir.toString(),
        "--data", CliTestSupport.shared("wise").toString(), "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode v = variant(run, "wise");
    // Calculate.py: 0.4 * 1 + 0.167 * 0 + 0.133 * 0 + 0.1 * 0 + 0.1 * 0 + 0.1 * 0
    assertEquals(0.4, v.path("overall").asDouble(), 1e-12);
    assertEquals(1000, v.path("n_prompts").asInt());
    // BAGEL's cal_score.py convention, labelled: mean of the six categories
    assertEquals(1.0 / 6, v.path("extra").path("overall_unweighted_mean_bagel").asDouble(), 1e-12);

    Path bare = tmp.resolve("wise-bare");
    CliTestSupport.Result r2 = CliTestSupport.run("import", "--benchmark", "wise", "--official-results", dir.toString(),
        "--out", bare.toString());
    assertEquals(0, r2.code(), r2.err());
    assertEquals(0.4, variant(bare, "wise").path("overall").asDouble(), 1e-12);
  }
}
