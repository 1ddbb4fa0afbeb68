package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import org.irgeval.api.Pipeline;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, deliver item 2: the client refuses a preset whose mode the endpoints' weights are not meant for, and a
 * pool whose endpoints disagree on the checkpoint hash, unless an explicit --pipeline-opt allows it (recorded).
 */
class IrgCheckpointIdentityTest {
  private static final String SHA_A = Hashing.sha256("checkpoint A");
  private static final String SHA_B = Hashing.sha256("checkpoint B");
  private final ObjectMapper json = Json.mapper();

  private static IllegalArgumentException refused(String preset, Map<String, String> opts, URI... endpoints) {
    MiniEngine.sharedBenchmarks(); // skipped without the official system prompts (outside assertThrows)
    return assertThrows(IllegalArgumentException.class, () -> MiniEngine.open(preset, 0, 1, opts, endpoints));
  }

  @Test
  void bagelPlainAgainstIrgWeightsIsRefusedWithAClearMessage() throws Exception {
    try (IrgSimulator irg = IrgSimulator.start(SimConfig.defaults().withWeights("irg"))) {
      IllegalArgumentException e = refused("bagel-plain", Map.of(), irg.uri());
      String m = e.getMessage();
      assertTrue(m.contains("holds irg weights"), m);
      assertTrue(m.contains("meant for modes [irg]"), m);
      assertTrue(m.contains("not for mode plain of preset bagel-plain"), m);
      assertTrue(m.contains("allow_weights_mismatch=true"), m);
      assertTrue(irg.trajectoryLog().isEmpty(), "nothing was generated");
    }
  }

  @Test
  void everyBagelPresetIsRefusedOnIrgWeightsAndIrgPaperOnBagelWeights() throws Exception {
    try (IrgSimulator irg = IrgSimulator.start(SimConfig.defaults().withWeights("irg"));
         IrgSimulator bagel = IrgSimulator.start(SimConfig.defaults().withWeights("bagel"))) {
      for (String p : new String[] {"bagel-think", "bagel-think-2025-06"}) {
        assertTrue(refused(p, Map.of(), irg.uri()).getMessage().contains("holds irg weights"), p);
      }
      assertTrue(refused("irg-paper", Map.of(), bagel.uri()).getMessage().contains("not for mode irg"));
      try (Pipeline ok = MiniEngine.open("bagel-think-2025-06", 0, 1, Map.of(), bagel.uri());
           Pipeline ok2 = MiniEngine.open("irg-paper", 0, 1, Map.of(), irg.uri())) {
        assertEquals("bagel", json.valueToTree(ok.settings()).at("/checkpoint/weights").asText());
        assertEquals("irg", json.valueToTree(ok2.settings()).at("/checkpoint/weights").asText());
      }
    }
  }

  @Test
  void weightsMismatchRunsOnlyWhenAllowedAndIsRecorded() throws Exception {
    try (IrgSimulator irg = IrgSimulator.start(SimConfig.defaults().withWeights("irg"));
         Pipeline p = MiniEngine.open("bagel-plain", 0, 1, Map.of("allow_weights_mismatch", "true"), irg.uri())) {
      p.generate(MiniEngine.request(1, "wise", "1", "a cat", 0, 1));
      JsonNode facts = json.valueToTree(p.facts());
      assertTrue(facts.at("/checkpoint/allow_weights_mismatch").asBoolean());
      assertTrue(facts.at("/checkpoint/weights_mismatches/" + irg.uri().toString().replace("/", "~1"))
          .asText().contains("not for mode plain"), facts.toString());
      assertTrue(json.valueToTree(p.settings()).at("/checkpoint/allow_weights_mismatch").asBoolean(),
          "an override is part of the run settings (a resume without it is refused)");
    }
  }

  @Test
  void poolWithDifferentCheckpointHashesIsRefused() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(SimConfig.defaults().withWeights("irg").withCheckpointSha256(SHA_A));
         IrgSimulator b = IrgSimulator.start(SimConfig.defaults().withWeights("irg").withCheckpointSha256(SHA_B))) {
      IllegalArgumentException e = refused("irg-paper", Map.of(), a.uri(), b.uri());
      String m = e.getMessage();
      assertTrue(m.contains("do not hold one known checkpoint"), m);
      assertTrue(m.contains(SHA_A) && m.contains(SHA_B), m);
      assertTrue(m.contains("allow_mixed_checkpoints=true"), m);
    }
  }

  @Test
  void anUnhashedCheckpointInAPoolIsRefused() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_A));
         IrgSimulator b = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(null))) {
      assertTrue(refused("irg-paper", Map.of(), a.uri(), b.uri()).getMessage().contains("null = not hashed"));
    }
  }

  @Test
  void mixedPoolRunsOnlyWhenAllowedAndIsRecorded() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_A));
         IrgSimulator b = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_B));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, Map.of("allow_mixed_checkpoints", "true"), a.uri(),
             b.uri())) {
      JsonNode facts = json.valueToTree(p.facts());
      assertTrue(facts.at("/checkpoint/mixed").asBoolean());
      assertTrue(facts.at("/checkpoint/allow_mixed_checkpoints").asBoolean());
      assertEquals(2, facts.at("/checkpoint/by_endpoint").size());
      JsonNode s = json.valueToTree(p.settings());
      assertTrue(s.at("/checkpoint/sha256").isNull());
      assertTrue(s.at("/checkpoint/allow_mixed_checkpoints").asBoolean());
    }
  }

  @Test
  void agreeingPoolPutsItsCheckpointIntoTheSettings() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_A));
         IrgSimulator b = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_A));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, Map.of(), a.uri(), b.uri())) {
      JsonNode s = json.valueToTree(p.settings());
      assertEquals(SHA_A, s.at("/checkpoint/sha256").asText());
      assertFalse(s.at("/checkpoint").has("allow_mixed_checkpoints"));
      assertFalse(json.valueToTree(p.facts()).at("/checkpoint/mixed").asBoolean());
    }
  }

  @Test
  void anEndpointComingUpLaterWithAnotherCheckpointIsRefused() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_A))) {
      IrgSimulator b = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_B));
      URI late = b.uri();
      b.close(); // down at open: taken out, probed later
      Map<String, String> opts = new java.util.LinkedHashMap<>(MiniEngine.fastRetries());
      opts.put("endpoint_wait_s", "1");
      try (Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts, a.uri(), late);
           IrgSimulator again = IrgSimulator.start(SimConfig.defaults().withCheckpointSha256(SHA_B),
               late.getPort())) {
        assertEquals("out", MiniEngine.endpointStats(p, late).get("state"), "down at open: taken out");
        a.close(); // the pool's one healthy endpoint goes away: the next request makes the pool probe the late one
        assertThrows(TrajectoryFailedException.class,
            () -> p.generate(MiniEngine.request(3, "geneval", "00001", "a cat", 0, 2)));
        Map<String, Object> ep = MiniEngine.endpointStats(p, late);
        assertEquals("refused", ep.get("state"));
        assertTrue(String.valueOf(ep.get("last_problem")).contains("the pool's is " + SHA_A), ep.toString());
        assertTrue(again.trajectoryLog().isEmpty());
      }
    }
  }

  @Test
  void healthAnswerExposesTheCheckpointHash() {
    HealthAnswer h = new HealthAnswer("ok", null, HealthAnswer.PROTOCOL, Map.of("sha256", SHA_A), null, null,
        "gpu", null, null, null);
    assertNull(h.weights());
    assertEquals(SHA_A, h.checkpointSha256());
  }
}
