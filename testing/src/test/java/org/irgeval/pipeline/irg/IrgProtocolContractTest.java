package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.Variant;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LoggedRequest;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** The exact bytes the client sends, and how it treats each answer of the protocol. */
class IrgProtocolContractTest {
  private final ObjectMapper json = Json.mapper();

  private static String irgSha() throws Exception {
    return Hashing.sha256(MiniEngine.sharedBenchmarks().resolve("irg/irg_two_turn_system_prompt.txt"));
  }

  /** The contract request (docs/protocol.md, "POST /v1/trajectory"), plus the system prompt hash, for preset irg-paper. */
  @Test
  void irgPaperSendsTheDesignContractExactly() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults());
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, Map.of(), sim.uri())) {
      GenerationRequest r = MiniEngine.request(7, "geneval", "00012", "a photo of a bench", 2, 2);
      r = new GenerationRequest(r.id(), r.benchmark(), r.prompt(), r.sample(), 1234567, 2);
      Generation g = p.generate(r);

      String expected = "{\"id\":\"geneval/00012/s2\",\"prompt\":\"a photo of a bench\",\"mode\":\"irg\",\"turns\":2,"
          + "\"seed\":1234567,\"width\":1024,\"height\":1024,\"think\":{\"temperature\":0.3,\"max_tokens\":4096},"
          + "\"turn_params\":["
          + "{\"timesteps\":50,\"cfg_text_scale\":4.0,\"cfg_img_scale\":1.0,\"cfg_interval\":[0.4,1.0],"
          + "\"cfg_renorm_type\":\"global\",\"cfg_renorm_min\":0.0,\"timestep_shift\":3.0},"
          + "{\"timesteps\":50,\"cfg_text_scale\":4.0,\"cfg_img_scale\":2.0,\"cfg_interval\":[0.0,1.0],"
          + "\"cfg_renorm_type\":\"text_channel\",\"cfg_renorm_min\":0.0,\"timestep_shift\":3.0}],"
          + "\"system_prompt_sha256\":\"" + irgSha() + "\"}";
      List<LoggedRequest> sent = sim.trajectoryLog();
      assertEquals(1, sent.size());
      assertEquals(expected, sent.get(0).body());

      assertEquals(2, g.turns().size());
      assertTrue(g.plumbing(), "a simulator's answer is plumbing");
      assertTrue(p.plumbing());
      assertEquals(sim.uri().toString(), g.endpoint());
      assertTrue(g.model().get("name").contains("not a model"));
      assertTrue(g.turns().get(0).text().contains("a photo of a bench"));
      assertEquals(Map.of("text", 0L, "image", 0L), g.turns().get(1).timingsMs());
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(g.turns().get(0).png(), 4));
    }
  }

  @Test
  void settingsHoldEveryPixelChangingValueAndNoEndpoint() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults());
         Pipeline p = MiniEngine.open("irg-paper", 2, 3, Map.of(), sim.uri())) {
      Map<String, Object> s = p.settings();
      JsonNode tree = json.valueToTree(s);
      assertEquals("irg-paper", tree.get("preset").asText());
      assertEquals("irg", tree.get("mode").asText());
      assertEquals(2, tree.get("turns").asInt());
      assertEquals(4096, tree.at("/think/max_tokens").asInt());
      assertEquals(2.0, tree.at("/turn_params/1/cfg_img_scale").asDouble());
      assertEquals("text_channel", tree.at("/turn_params/1/cfg_renorm_type").asText());
      assertEquals(irgSha(), tree.at("/system_prompt/sha256").asText());
      assertFalse(json.writeValueAsString(s).contains(sim.uri().toString()), "endpoints are not settings");
      assertEquals(3, p.parallelism());
      JsonNode facts = json.valueToTree(p.facts());
      assertEquals(sim.uri().toString(), facts.at("/endpoints/0/url").asText());
      assertTrue(facts.at("/endpoints/0/health/simulator").asBoolean());
      assertTrue(facts.at("/preset_sources").size() >= 20);
    }
  }

  @Test
  void plainModeSendsNoThinkAndNoSystemPrompt() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults());
         Pipeline p = MiniEngine.open("bagel-plain", 0, 1, Map.of(), sim.uri())) {
      assertEquals(1, p.settings().get("turns"), "--turns 0 means the preset's own");
      p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 1));
      JsonNode sent = json.readTree(sim.trajectoryLog().get(0).body());
      assertEquals("plain", sent.get("mode").asText());
      assertFalse(sent.has("think"));
      assertFalse(sent.has("system_prompt_sha256"));
      assertEquals(1, sent.get("turn_params").size());
      assertEquals("global", sent.at("/turn_params/0/cfg_renorm_type").asText());
    }
  }

  @Test
  void bagelThinkSendsTheWiseScriptsSettings() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults());
         Pipeline p = MiniEngine.open("bagel-think", 1, 1, Map.of(), sim.uri())) {
      p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 1));
      JsonNode sent = json.readTree(sim.trajectoryLog().get(0).body());
      assertEquals("think", sent.get("mode").asText());
      assertEquals(2048, sent.at("/think/max_tokens").asInt());
      assertEquals(0.4, sent.at("/turn_params/0/cfg_interval/0").asDouble());
      assertEquals(Hashing.sha256(MiniEngine.sharedBenchmarks().resolve("irg/bagel_think_system_prompt.txt")),
          sent.get("system_prompt_sha256").asText());
    }
  }

  @Test
  void singleTurnPresetRefusesMoreTurns() {
    MiniEngine.sharedBenchmarks(); // skipped without the official system prompts (outside assertThrows)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MiniEngine.open("bagel-think", 2, 1, Map.of(), java.net.URI.create("http://127.0.0.1:9")));
    assertTrue(e.getMessage().contains("makes one image"), e.getMessage());
  }

  /** Issue item 7: --turns 4 is one run with variants no-reflection, reflection, turn-3, turn-4. */
  @Test
  void fourTurnsRepeatTurnTwoParameters() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults());
         Pipeline p = MiniEngine.open("irg-paper", 4, 1, Map.of(), sim.uri())) {
      Generation g = p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 4));
      assertEquals(4, g.turns().size());
      JsonNode sent = json.readTree(sim.trajectoryLog().get(0).body());
      assertEquals(4, sent.get("turns").asInt());
      assertEquals(sent.at("/turn_params/1"), sent.at("/turn_params/2"));
      assertEquals(sent.at("/turn_params/1"), sent.at("/turn_params/3"));
      assertEquals(List.of("no-reflection", "reflection", "turn-3", "turn-4"),
          List.of(Variant.ofTurn(1), Variant.ofTurn(2), Variant.ofTurn(3), Variant.ofTurn(4)));
    }
  }

  @Test
  void badRequestIsNeverRetried() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults().withFailures(Map.of("bad_request", 1.0)));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), sim.uri())) {
      TrajectoryFailedException e = assertThrows(TrajectoryFailedException.class,
          () -> p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 2)));
      assertFalse(e.isTransient());
      assertEquals(ErrorCode.BAD_REQUEST, e.lastCode());
      assertEquals(1, sim.trajectoryLog().size(), "exactly one attempt");
    }
  }

  @Test
  void transientFailuresAreRetriedUpToTheCapThenFailTransient() throws Exception {
    Map<String, String> opts = new java.util.HashMap<>(MiniEngine.fastRetries());
    opts.put("max_attempts", "4");
    opts.put("take_out_after", "100");
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults().withFailures(Map.of("out_of_memory", 1.0)));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts, sim.uri())) {
      TrajectoryFailedException e = assertThrows(TrajectoryFailedException.class,
          () -> p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 2)));
      assertTrue(e.isTransient());
      assertEquals(ErrorCode.OUT_OF_MEMORY, e.lastCode());
      assertEquals(4, sim.trajectoryLog().size());
      JsonNode stats = json.valueToTree(p.stats()).at("/endpoints").elements().next();
      assertEquals(4, stats.get("requests").asInt());
      assertEquals(3, stats.get("retries").asInt());
      assertEquals(4, stats.at("/failures/out_of_memory").asInt());
    }
  }

  @Test
  void busyIsRetriedAndSucceeds() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults().withFailures(Map.of("busy", 0.5)).withSeed(3));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), sim.uri())) {
      for (int i = 0; i < 10; i++) {
        p.generate(MiniEngine.request(1, "wise", "p" + i, "a cat", 0, 2));
      }
      long busy = sim.trajectoryLog().stream().filter(l -> l.outcome().equals("busy")).count();
      assertTrue(busy > 0, "the seed must inject some busy answers");
      assertEquals(10 + busy, sim.trajectoryLog().size());
    }
  }

  @Test
  void systemPromptMismatchRefusesTheEndpoint() throws Exception {
    SimConfig c = SimConfig.defaults().withSystemPrompts(Map.of("irg", "0".repeat(64)));
    try (IrgSimulator sim = IrgSimulator.start(c)) {
      MiniEngine.sharedBenchmarks(); // skipped without the official system prompts (outside assertThrows)
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), sim.uri()));
      assertTrue(e.getMessage().contains("system prompt has SHA-256"), e.getMessage());
      assertEquals(0, sim.trajectoryLog().size());
    }
  }

  @Test
  void matchingSystemPromptIsAccepted() throws Exception {
    SimConfig c = SimConfig.defaults()
        .withSystemPrompts(IrgSimulator.systemPromptHashes(MiniEngine.sharedBenchmarks()));
    try (IrgSimulator sim = IrgSimulator.start(c);
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, Map.of(), sim.uri())) {
      assertEquals(2, p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 2)).turns().size());
    }
  }

  @Test
  void noReachableEndpointFailsAtOpenNamingIt() {
    MiniEngine.sharedBenchmarks(); // skipped without the official system prompts (outside assertThrows)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), java.net.URI.create("http://127.0.0.1:9")));
    assertTrue(e.getMessage().contains("no usable IRG endpoint") && e.getMessage().contains("127.0.0.1:9"),
        e.getMessage());
  }

  @Test
  void unknownOptionAndPresetAreClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> org.irgeval.run.OptionCheck.pipeline(new IrgPipelineProvider(), Map.of("max_atempts", "3")));
    assertTrue(e.getMessage().contains("max_atempts") && e.getMessage().contains("max_attempts"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> org.irgeval.run.OptionCheck.pipeline(new IrgPipelineProvider(), Map.of("max_attempts", "-3")));
    assertTrue(e.getMessage().contains("max_attempts=-3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MiniEngine.open("irg-papr", 2, 1, Map.of("data_dir", "/nonexistent"), java.net.URI.create("http://127.0.0.1:9")));
    assertTrue(e.getMessage().contains("irg-paper"), e.getMessage());
  }

  @Test
  void missingSystemPromptFileNamesTheOfficialSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MiniEngine.open("irg-paper", 2, 1, Map.of("data_dir", "/nonexistent"),
            java.net.URI.create("http://127.0.0.1:9")));
    assertTrue(e.getMessage().contains("irg_two_turn_system_prompt.txt")
        && e.getMessage().contains("tiif_multi_turn_gen.py:196"), e.getMessage());
  }
}
