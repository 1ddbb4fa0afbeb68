package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json}: stdout is one JSON document (the command's result), every message is on stderr. */
class JsonOutputTest {
  @TempDir
  Path tmp;

  private static JsonNode json(CliTestSupport.Result r) throws Exception {
    return Json.mapper().readTree(r.out()); // throws unless stdout is exactly one JSON document
  }

  @Test
  void runScoreImportMergeListAndCompareGiveJsonOnStdoutOnly() throws Exception {
    Path a = tmp.resolve("a");
    CliTestSupport.Result run = CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out",
        a.toString(), "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode r = json(run);
    assertEquals(a.toString(), r.path("run").asText());
    assertEquals(0, r.path("exit_code").asInt());
    assertEquals(8, r.path("generated").asInt());
    assertTrue(r.path("summary").path("benchmarks").path("geneval").path("variants").has("reflection"), r.toString());
    assertFalse(run.out().contains("PLUMBING CHECK ***"), "the human lines are not mixed in");
    assertTrue(run.err().contains("summary (bootstrap"), "messages stay on stderr: " + run.err());

    JsonNode score = json(CliTestSupport.run("score", a.toString(), "--json"));
    assertEquals(0, score.path("scored").asInt(), "nothing left to score");

    Path results = a.resolve("exports/geneval/reflection/results.jsonl");
    CliTestSupport.Result text = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--prompts-from-results", "--out", tmp.resolve("imp").toString());
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("imported 8 scores of geneval into"), "a person's summary by default: " + text.out());
    JsonNode imp = json(CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--prompts-from-results", "--out", tmp.resolve("imp").toString(), "--json"));
    assertEquals(8, imp.path("scores").asInt());
    assertTrue(imp.path("summary").path("benchmarks").path("geneval").path("variants").has("imported"));

    CliTestSupport.Result doctor = CliTestSupport.run("doctor", "--benchmarks", "geneval", "--limit", "2", "--json");
    assertEquals(doctor.code(), json(doctor).path("ok").asBoolean() ? 0 : 2, doctor.err());
    assertTrue(json(doctor).path("report").path("checks").size() > 0, doctor.out());

    JsonNode list = json(CliTestSupport.run("list", "--json"));
    assertTrue(list.path("benchmarks").findValuesAsText("id").contains("geneval"), list.toString());
    assertTrue(list.path("shared_scorer_options").size() >= 2, list.toString());

    CliTestSupport.Result cmp = CliTestSupport.run("compare", a.toString(), a.toString(), "--json");
    JsonNode c = json(cmp);
    assertEquals(cmp.code(), c.path("exit_code").asInt());
    assertTrue(c.has("comparisons") && c.has("reasons"), c.toString());
    CliTestSupport.Result csv = CliTestSupport.run("compare", a.toString(), a.toString(), "--format", "csv",
        "--min-prompts", "2");
    assertTrue(csv.out().startsWith(CompareCommand.Row.CSV_HEADER + "\n"), csv.out());
    assertEquals(3, csv.out().lines().count(), "a header and a row per variant: " + csv.out());

    Path s0 = tmp.resolve("s0");
    Path s1 = tmp.resolve("s1");
    for (String[] shard : new String[][] {{"0/2", s0.toString()}, {"1/2", s1.toString()}}) {
      assertEquals(0, CliTestSupport.run("run", "--pipeline", "reference", "--data", tmp.resolve("demo-data")
          .toString(), "--benchmarks", "geneval", "--limit", "2", "--shard", shard[0], "--out", shard[1]).code());
    }
    CliTestSupport.Result merge = CliTestSupport.run("merge", s0.toString(), s1.toString(), "--out",
        tmp.resolve("m").toString(), "--json");
    JsonNode m = json(merge);
    assertEquals(2, m.path("shards").asInt(), merge.err());
    assertEquals(merge.code(), m.path("scored").path("exit_code").asInt());
  }

  @Test
  void csvFieldsAreQuotedAsRfc4180Says() {
    assertEquals("plain", CompareCommand.Row.csvField("plain"));
    assertEquals("\"a, b\"", CompareCommand.Row.csvField("a, b"));
    assertEquals("\"say \"\"hi\"\"\"", CompareCommand.Row.csvField("say \"hi\""));
  }
}
