package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.irgeval.api.Generation;
import org.irgeval.api.Pipeline;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LatencyModel;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, deliver item 4: every answer names its checkpoint; the client compares it with the pool's, refuses the
 * endpoint on the first answer that differs, retries elsewhere, and records each answer's own hash. A server restarted
 * on other weights behind the same URL answered health-checked before, so only the answer can tell.
 */
class IrgAnswerIdentityTest {
  private static final String SHA_A = Hashing.sha256("checkpoint A");
  private static final String SHA_B = Hashing.sha256("checkpoint B");

  private static SimConfig holding(String sha) {
    return SimConfig.defaults().withWeights("irg").withCheckpointSha256(sha);
  }

  @Test
  void aSimulatorRestartedUnderAnotherHashBehindTheSameUrlIsRefusedOnItsFirstAnswer() throws Exception {
    MiniEngine.sharedBenchmarks();
    IrgSimulator before = IrgSimulator.start(holding(SHA_A));
    URI url = before.uri();
    try (Pipeline p = MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), url)) {
      Generation ok = p.generate(MiniEngine.request(7, "geneval", "00001", "a cat", 0, 2));
      assertEquals(SHA_A, ok.model().get("sha256"));
      before.close();
      try (IrgSimulator restarted = IrgSimulator.start(holding(SHA_B), url.getPort())) {
        TrajectoryFailedException e = assertThrows(TrajectoryFailedException.class,
            () -> p.generate(MiniEngine.request(7, "geneval", "00002", "a dog", 0, 2)));
        assertTrue(e.getMessage().contains("every endpoint was refused"), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint SHA-256 " + SHA_B + ", the pool's is " + SHA_A),
            e.getMessage());
        assertEquals(1, restarted.trajectoryLog().size(), "one answer, then never asked again");
        assertEquals("refused", MiniEngine.endpointStats(p, url).get("state"));
      }
    } finally {
      before.close();
    }
  }

  @Test
  void theTrajectoryIsRetriedOnAnEndpointWithThePoolsCheckpointAndRecordsItsOwnHash() throws Exception {
    MiniEngine.sharedBenchmarks();
    IrgSimulator before = IrgSimulator.start(holding(SHA_A));
    URI url = before.uri();
    try (IrgSimulator steady = IrgSimulator.start(holding(SHA_A));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), url, steady.uri())) {
      before.close();
      try (IrgSimulator restarted = IrgSimulator.start(holding(SHA_B), url.getPort())) {
        MiniEngine.Outcome out = MiniEngine.run(p, MiniEngine.plan(11, 6, 1, 2));
        assertTrue(out.failed().isEmpty(), out.failed().toString());
        assertEquals(6, out.stored().size());
        for (Generation g : out.stored().values()) {
          assertEquals(SHA_A, g.model().get("sha256"), "no picture of checkpoint B entered the run");
          assertEquals("irg", g.model().get("weights"));
          assertEquals(steady.uri().toString(), g.endpoint());
        }
        assertTrue(restarted.trajectoryLog().size() <= 1, "refused on its first answer: "
            + restarted.trajectoryLog().size());
      }
    } finally {
      before.close();
    }
  }

  @Test
  void anUnhashedCheckpointIsRefusedEvenAlone() throws Exception {
    try (IrgSimulator a = IrgSimulator.start(holding(null))) {
      MiniEngine.sharedBenchmarks();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MiniEngine.open("irg-paper", 0, 1, Map.of(), a.uri()));
      assertTrue(e.getMessage().contains("null = not hashed"), e.getMessage());
      try (Pipeline p = MiniEngine.open("irg-paper", 2, 1, Map.of("allow_mixed_checkpoints", "true"), a.uri())) {
        Generation g = p.generate(MiniEngine.request(3, "geneval", "00001", "a cat", 0, 2));
        assertNull(g.model().get("sha256"), "the answer said null and that is what is recorded");
      }
    }
  }

  @Test
  void aRequestRunningLongerThanTheRequestTimeoutMakesTheEndpointUnhealthy() throws Exception {
    MiniEngine.sharedBenchmarks();
    SimConfig slow = holding(SHA_A).withLatency(LatencyModel.fixed(4000),
        LatencyModel.ZERO, 1.0);
    Map<String, String> opts = new LinkedHashMap<>(MiniEngine.fastRetries());
    opts.put("request_timeout_s", "1");
    opts.put("take_out_after", "1");   // each client timeout takes the endpoint out: the pool probes it again
    opts.put("max_attempts", "3");
    opts.put("endpoint_wait_s", "3");
    try (IrgSimulator sim = IrgSimulator.start(slow);
         Pipeline p = MiniEngine.open("irg-paper", 1, 1, opts, sim.uri())) {
      assertEquals("up", MiniEngine.endpointStats(p, sim.uri()).get("state"), "idle: healthy at open");
      Thread t = new Thread(() -> {
        try {
          p.generate(MiniEngine.request(5, "geneval", "00001", "a cat", 0, 1));
        } catch (Exception ignored) {
          // times out after 1 s on the client (each attempt); the simulator keeps computing them
        }
      });
      t.start();
      // the pool's own probes, after each take-out, read the server's queue.running_s; once the oldest simulated
      // request (4 s) has run 2 whole seconds, longer than the 1 s request timeout, the endpoint is stuck
      Object why = null;
      for (int i = 0; i < 600 && (why == null || !why.toString().contains("longer than")); i++) {
        Thread.sleep(10);
        why = MiniEngine.endpointStats(p, sim.uri()).get("last_problem");
      }
      t.join();
      assertTrue(why != null && why.toString().contains("longer than the request timeout (1 s)"),
          String.valueOf(why));
    }
  }
}
