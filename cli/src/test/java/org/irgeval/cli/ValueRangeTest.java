package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values outside the range a benchmark declares: a judge's is a counted failure, an import's an error with its place. */
class ValueRangeTest {
  @TempDir
  Path tmp;

  @Test
  void aJudgeLogprobOfPlusFiveIsACountedFailureNeverAScoreAboveOne() throws Exception {
    Path run = tmp.resolve("run");
    // exp(+5) = 148.4: what a broken judge or proxy gives as the logprob of "Yes"
    try (LoopbackJudgeServer judge = LoopbackJudgeServer.start(
        req -> new LoopbackJudgeServer.Answer("Yes", List.of(Map.of("Yes", 5.0)), null, null))) {
      CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "genai-bench", "--limit", "2",
          "--samples", "1", "--scorer", "genai-bench=genai-vqa-judge", "--judge-url", judge.baseUrl().toString(),
          "--out", run.toString());
      assertEquals(ExitCodes.INCOMPLETE, r.code(), r.out() + r.err());
    }
    List<String> lines = Files.readAllLines(run.resolve("scores.jsonl"));
    assertFalse(lines.isEmpty());
    for (String l : lines) {
      JsonNode n = Json.mapper().readTree(l);
      assertTrue(n.path("error").asText().contains("vqascore=148.41") && n.path("error").asText().contains("[0, 1]"),
          l);
      assertEquals(0, n.path("values").size(), l);
    }
    JsonNode v = Json.mapper().readTree(run.resolve("summary.json").toFile()).at("/benchmarks/genai-bench/variants/reflection");
    assertEquals(2, v.path("failures").asInt(), v.toString());
    assertFalse(v.path("overall").isNumber() && v.path("overall").asDouble() > 1, v.toString());
    // Nothing scored: the report command refuses the run (exit 2, its summary named) rather than print empty tables
    CliTestSupport.Result report = CliTestSupport.run("report", run.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, report.code(), report.out() + report.err());
    assertTrue(report.err().contains(run.resolve("summary.json") + ": no benchmark of this run has a scored image"),
        report.err());
    assertFalse(Files.exists(tmp.resolve("rep")));
  }

  @Test
  void everyImporterRefusesOutOfRangeValuesNamingTheFileAndField() throws Exception {
    for (String score : new String[] {"5", "-3"}) {
      Path csv = Files.writeString(tmp.resolve("genai-" + score + ".csv"), "prompt_idx,score\n00001,0.5\n2," + score + "\n");
      CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "genai-bench", "--official-results",
          csv.toString(), "--prompts-from-results", "--out", tmp.resolve("imp-" + score).toString());
      assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.err());
      assertTrue(r.err().contains(csv.toString()) && r.err().contains("vqascore") && r.err().contains(score)
          && r.err().contains("[0, 1]"), r.err());
      assertFalse(Files.exists(tmp.resolve("imp-" + score).resolve("scores.jsonl")), "nothing stored");
    }
  }
}
