package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LoggedRequest;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Json;
import org.irgeval.util.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's acceptance command against the loopback simulator: the exact docs/protocol.md request with the
 * irg-paper preset's values, nothing sent again by the same command, and scoring later without any generator.
 */
class IrgRunAcceptanceTest {
  @TempDir
  Path tmp;

  @Test
  void generateOnlySendsThePresetContractOnceAndScoreNeedsNoGenerator() throws Exception {
    Path data = CliTestSupport.shared("irg", "geneval");
    Path run = tmp.resolve("run");
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults().withSystemPrompts(IrgSimulator.systemPromptHashes(data)))) {
      String[] cmd = {"run", "--pipeline", "irg", "--endpoint", sim.uri().toString(), "--preset", "irg-paper",
          "--benchmarks", "geneval", "--data", data.toString(), "--limit", "3", "--generate-only", "--out", run.toString()};
      CliTestSupport.Result r = CliTestSupport.run(cmd);
      assertEquals(0, r.code(), r.err());
      List<LoggedRequest> sent = sim.trajectoryLog();
      assertEquals(12, sent.size(), "3 prompts x GenEval's 4 samples");
      Set<String> ids = new HashSet<>();
      for (LoggedRequest req : sent) {
        JsonNode b = Json.mapper().readTree(req.body());
        ids.add(b.path("id").asText());
        String[] id = b.path("id").asText().split("/");
        assertEquals("geneval", id[0]);
        int sample = Integer.parseInt(id[2].substring(1));
        assertEquals(Seeds.derive(42, "geneval", id[1], sample), b.path("seed").asLong(), "seed of " + b.path("id"));
        assertEquals("irg", b.path("mode").asText());
        assertEquals(2, b.path("turns").asInt());
        assertEquals(1024, b.path("width").asInt());
        assertEquals(1024, b.path("height").asInt());
        assertEquals(0.3, b.path("think").path("temperature").asDouble());
        assertEquals(4096, b.path("think").path("max_tokens").asInt());
        JsonNode t1 = b.path("turn_params").get(0);
        JsonNode t2 = b.path("turn_params").get(1);
        assertEquals(50, t1.path("timesteps").asInt());
        assertEquals(4.0, t1.path("cfg_text_scale").asDouble());
        assertEquals(1.0, t1.path("cfg_img_scale").asDouble());
        assertEquals("[0.4,1.0]", t1.path("cfg_interval").toString());
        assertEquals("global", t1.path("cfg_renorm_type").asText());
        assertEquals(3.0, t1.path("timestep_shift").asDouble());
        assertEquals(4.0, t2.path("cfg_text_scale").asDouble());
        assertEquals(2.0, t2.path("cfg_img_scale").asDouble());
        assertEquals("[0.0,1.0]", t2.path("cfg_interval").toString());
        assertEquals("text_channel", t2.path("cfg_renorm_type").asText());
      }
      assertEquals(12, ids.size());
      assertEquals(12, CliTestSupport.lines(run.resolve("trajectories.jsonl")).size());
      assertEquals(0, CliTestSupport.lines(run.resolve("scores.jsonl")).size());
      JsonNode ep = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("pipeline").path("endpoints")
          .path(sim.uri().toString());
      assertEquals(12, ep.path("successes").asInt(), "per-endpoint counts in the summary: " + ep);
      JsonNode man = Json.mapper().readTree(run.resolve("manifest.json").toFile());
      assertEquals("irg-paper", man.path("config").path("preset").asText());
      assertEquals(2.0, man.path("fingerprint").path("pipeline_settings").path("turn_params").get(1)
          .path("cfg_img_scale").asDouble(), "the resolved preset values are in the manifest");

      CliTestSupport.Result again = CliTestSupport.run(cmd);
      assertEquals(0, again.code(), again.err());
      assertEquals(12, sim.trajectoryLog().size(), "the same command again sends no trajectory request");

      sim.kill(); // scoring must not need the generator
      CliTestSupport.Result score = CliTestSupport.run("score", run.toString(), "--scorer", "geneval=geneval-plumbing");
      assertEquals(0, score.code(), score.err());
      assertEquals(24, CliTestSupport.lines(run.resolve("scores.jsonl")).size(), "12 trajectories x 2 variants");
      JsonNode s = Json.mapper().readTree(run.resolve("summary.json").toFile());
      assertTrue(s.path("benchmarks").path("geneval").path("variants").has("reflection"));
      assertEquals(12, CliTestSupport.lines(run.resolve("trajectories.jsonl")).size());
    }
  }
}
