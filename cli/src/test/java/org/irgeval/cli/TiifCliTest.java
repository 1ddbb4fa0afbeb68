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

/** TIIF through the command line: data check, the demo's two variants, import without a data folder. */
class TiifCliTest {
  @TempDir
  Path tmp;

  @Test
  void dataCheckCountsTestminiAndTheFixedFullSet() throws Exception {
    String data = CliTestSupport.shared("tiif").toString();
    CliTestSupport.Result r = CliTestSupport.run("data", "check", "--data", data, "--benchmarks", "tiif", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode t = Json.mapper().readTree(r.out()).path("benchmarks").path("tiif");
    assertEquals(277, t.path("prompt_lines").asInt());
    assertEquals(1446, t.path("questions").asInt());
    assertEquals(554, t.path("prompts").asInt(), "a short and a long prompt per line");
    assertEquals(25, t.path("lines_per_group").path("Real_Complex").asInt());
    CliTestSupport.Result full = CliTestSupport.run("data", "check", "--data", data, "--benchmarks", "tiif",
        "--bench-opt", "tiif.set=full", "--json");
    assertEquals(2, full.code(), "the stale comparison questions are refused (unusable input)");
    assertTrue(full.err().contains("comparison_eval_prompts.jsonl:24"), full.err());
    CliTestSupport.Result fixed = CliTestSupport.run("data", "check", "--data", data, "--benchmarks", "tiif",
        "--bench-opt", "tiif.set=full", "--bench-opt", "tiif.eval_fix=derived", "--json");
    assertEquals(0, fixed.code(), fixed.err());
    JsonNode f = Json.mapper().readTree(fixed.out()).path("benchmarks").path("tiif");
    assertEquals(2538, f.path("prompt_lines").asInt());
    assertEquals(12160, f.path("questions").asInt());
  }

  @Test
  void theDemoScoresBothVariantsAndTheyDiffer() throws Exception {
    Path run = tmp.resolve("runs/demo");
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "tiif", "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode t = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("tiif");
    assertEquals("tiif-plumbing", t.path("scorer").asText());
    JsonNode no = t.path("variants").path("no-reflection");
    JsonNode yes = t.path("variants").path("reflection");
    assertEquals(12, yes.path("n_images").asInt());
    assertTrue(no.path("overall").isNumber() && yes.path("overall").isNumber(), t.toString());
    assertNotEquals(no.path("overall").asDouble(), yes.path("overall").asDouble(),
        "the reflection re-draws objects the questions ask about");
    // our judgements in the official per-image format, beside the exported images
    Path rec = run.resolve("exports/tiif/reflection/eval-results/irg-eval/negation/short/0.json");
    JsonNode o = Json.mapper().readTree(rec.toFile());
    assertEquals("negation", o.path("attribute").asText());
    assertTrue(Files.isRegularFile(run.resolve("exports/tiif/reflection/negation/irg-eval/short_description/0.png")));

    // ... which import back to the same numbers (matched to the demo prompts by type, length and line)
    Path back = tmp.resolve("imported");
    CliTestSupport.Result imp = CliTestSupport.run("import", "--benchmark", "tiif", "--official-results",
        run.resolve("exports/tiif/reflection/eval-results/irg-eval").toString(), "--data",
        tmp.resolve("runs/demo-data").toString(), "--out", back.toString());
    assertEquals(0, imp.code(), imp.err());
    JsonNode v = Json.mapper().readTree(back.resolve("summary.json").toFile()).path("benchmarks").path("tiif")
        .path("variants").path("imported");
    assertEquals(yes.path("categories"), v.path("categories"));
  }
}
