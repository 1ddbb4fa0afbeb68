package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded demo scores GenAI-Bench for both variants through the plumbing judge's logprobs; they differ. */
class GenAiBenchDemoTest {
  @TempDir
  Path tmp;

  @Test
  void demoScoresGenAiBenchForBothVariantsAndTheyDiffer() throws Exception {
    Path run = tmp.resolve("runs/demo");
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "genai-bench", "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode g = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("genai-bench");
    double[] overall = new double[2];
    String[] variants = {"no-reflection", "reflection"};
    for (int i = 0; i < 2; i++) {
      JsonNode v = g.path("variants").path(variants[i]);
      assertTrue(v.path("overall").isNumber(), variants[i] + ": " + v);
      assertEquals(7, v.path("n_prompts").asInt());
      assertTrue(v.path("categories").path("basic").isNumber() && v.path("categories").path("advanced").isNumber());
      overall[i] = v.path("overall").asDouble();
    }
    assertNotEquals(overall[0], overall[1], "the reflection changes the plumbing VQAScore");
    String score = Files.readAllLines(run.resolve("scores.jsonl")).stream().filter(l -> l.contains("genai-bench"))
        .findFirst().orElseThrow();
    assertTrue(score.contains("genai-bench-plumbing") && score.contains("plumbing_note"), score);
    assertTrue(Files.isRegularFile(run.resolve("exports/genai-bench/reflection/00001.jpeg")));
    assertTrue(Files.isRegularFile(run.resolve("exports/genai-bench/reflection/vqascore.csv")));
  }

  @Test
  void importReadsPerPromptCsvWithoutData() throws Exception {
    Path csv = tmp.resolve("scores.csv");
    Files.writeString(csv, "prompt_idx,score\n00001,0.5\n2,0.25\n");
    Path run = tmp.resolve("runs/imp");
    CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "genai-bench", "--official-results",
        csv.toString(), "--prompts-from-results", "--out", run.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    JsonNode v = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("genai-bench")
        .path("variants").path("imported");
    assertEquals(0.375, v.path("overall").asDouble(), 1e-12);
  }
}
