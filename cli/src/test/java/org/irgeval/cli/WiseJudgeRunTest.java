package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WISE through the real CLI wiring (--judge-url, --judge-key-env, judge usage in summary.json) against a
 * loopback OpenAI-compatible server that answers in the official format and fails 10% of calls with 500.
 */
class WiseJudgeRunTest {
  @TempDir
  Path tmp;

  @Test
  void judgedRunRecordsTheModelCountsUsageAndNeverLeaksTheKey() throws Exception {
    Path run = tmp.resolve("wise-run");
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(
        req -> LoopbackJudgeServer.Answer.text("**Consistency**: 2\nRealism：1\nAesthetic Quality: 1"),
        (n, req) -> n % 10 == 3 ? FaultyJudgeServer.Fault.serverError() : FaultyJudgeServer.Fault.none())) {
      // PATH is always set: its value stands in for a secret key that must never reach a file.
      String secret = System.getenv("PATH");
      String[] cmd = {"run", "--pipeline", "reference", "--benchmarks", "wise", "--data",
          CliTestSupport.shared("wise").toString(), "--limit", "20", "--scorer", "wise=wise-judge",
          "--judge-url", judge.baseUrl().toString(), "--judge-key-env", "PATH", "--out", run.toString()};
      CliTestSupport.Result r = CliTestSupport.run(cmd);
      assertEquals(0, r.code(), r.err());
      long requests = judge.requests();
      assertTrue(requests >= 40, "20 prompts x 2 variants, plus retries of the injected 500s: " + requests);

      JsonNode wise = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("wise");
      JsonNode v = wise.path("variants").path("reflection");
      assertEquals(20, v.path("n_images").asInt(), "every image judged despite the 500s");
      assertEquals(0, v.path("failures").asInt());
      // (0.7*2 + 0.2*1 + 0.1*1) / 2 = 0.85 for every image, so every category mean is 0.85
      assertEquals(0.85, v.path("categories").path("cultural").asDouble(), 1e-12);
      JsonNode usage = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("judge");
      assertTrue(usage.path("requests").asLong() >= 40 && usage.path("retries").asLong() >= 1, usage.toString());
      JsonNode manifest = Json.mapper().readTree(run.resolve("manifest.json").toFile());
      assertEquals("gpt-4o-2024-05-13", manifest.path("judge_used").path("models").get(0).asText());
      assertEquals("PATH", manifest.path("config").path("judge").path("key_env").asText());
      for (String f : new String[] {"manifest.json", "summary.json", "scores.jsonl", "report.md"}) {
        assertFalse(Files.readString(run.resolve(f)).contains(secret), f + " must not contain the key");
      }

      // The official --result_scores files next to the exported images read back to the same numbers.
      Path exported = run.resolve("exports/wise/reflection");
      assertTrue(Files.readAllLines(exported.resolve("cultural_common_sense_scores.jsonl")).get(0)
          .startsWith("{\"prompt_id\":1,\"Subcategory\":"));
      Path back = tmp.resolve("reimported");
      assertEquals(0, CliTestSupport.run("import", "--benchmark", "wise", "--official-results", exported.toString(),
          "--data", CliTestSupport.shared("wise").toString(), "--out", back.toString()).code());
      JsonNode re = Json.mapper().readTree(back.resolve("summary.json").toFile()).path("benchmarks").path("wise")
          .path("variants").path("imported");
      assertEquals(v.path("categories"), re.path("categories"));

      CliTestSupport.Result again = CliTestSupport.run(cmd);
      assertEquals(0, again.code(), again.err());
      assertEquals(requests + 1, judge.requests(), "a rerun makes no judge call but the preflight's one probe");

      String[] otherJudge = Arrays.copyOf(cmd, cmd.length + 2);
      otherJudge[cmd.length] = "--judge-model";
      otherJudge[cmd.length + 1] = "gpt-4o-2024-11-20";
      CliTestSupport.Result refused = CliTestSupport.run(otherJudge);
      assertEquals(1, refused.code(), "another judge snapshot never resumes a run silently");
      assertTrue(refused.err().contains("benchmarks.wise.scorer.fingerprint") && refused.err().contains("--force-new"),
          refused.err());
      assertEquals(requests + 2, judge.requests(), "no scoring call: only the two preflight probes");

      // The gate refuses a plumbing-scored run against this judge-scored one, naming the scorer change.
      Path plumbing = tmp.resolve("wise-plumbing");
      assertEquals(0, CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "wise", "--data",
          CliTestSupport.shared("wise").toString(), "--limit", "20", "--out", plumbing.toString()).code());
      CliTestSupport.Result gate = CliTestSupport.run("compare", plumbing.toString(), run.toString());
      assertEquals(2, gate.code(), gate.out() + gate.err());
      assertTrue(gate.err().contains("settings differ: wise: scorer: wise-plumbing → wise-judge"), gate.err());
      // The official files read back (variant "imported") pair with the reflection through --variant-map; on 20
      // prompts of one category WISE's rules give neither an overall nor a preview, and the gate says so.
      CliTestSupport.Result imported = CliTestSupport.run("compare", run.toString(), back.toString(),
          "--variant-map", "imported=reflection", "--allow-setting-change", "--min-prompts", "5");
      assertEquals(2, imported.code());
      assertTrue(imported.err().contains("wise / reflection → imported: 20 prompts scored by both, but wise defines no"
          + " overall on them"), imported.err());
      // The report says the same instead of leaving the reflection comparison out without a word (issue 20, item 15).
      Path rep = tmp.resolve("report-plumbing");
      CliTestSupport.Result report = CliTestSupport.run("report", plumbing.toString(), "--out", rep.toString());
      assertEquals(0, report.code(), report.err());
      String md = Files.readString(rep.resolve("report.md"));
      assertTrue(md.contains("not compared: wise-plumbing: reflection vs no-reflection: 20 prompts scored by both, but"
          + " wise defines no overall on them"), md);
    }
  }
}
