package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LatencyModel;
import org.irgeval.pipeline.irg.sim.LoggedRequest;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** The acceptance: 3 endpoints, one failing 20 % of requests and one dying mid-run. */
class IrgPoolResilienceTest {
  private final ObjectMapper json = Json.mapper();

  private static SimConfig healthy(String name) {
    return SimConfig.defaults().withName(name).withLatency(LatencyModel.uniform(1, 3), LatencyModel.uniform(3, 8), 1.0);
  }

  private static SimConfig flaky(String name) {
    // 20 % of trajectory requests fail, spread over the three retryable codes
    return healthy(name).withFailures(Map.of("busy", 0.07, "out_of_memory", 0.07, "internal", 0.06)).withSeed(11);
  }

  @Test
  void threeEndpointsOneFlakyOneDyingCompleteEachTrajectoryExactlyOnce() throws Exception {
    List<GenerationRequest> plan = MiniEngine.plan(42, 15, 4, 2);
    try (IrgSimulator good = IrgSimulator.start(healthy("good"));
         IrgSimulator flaky = IrgSimulator.start(flaky("flaky"));
         IrgSimulator dying = IrgSimulator.start(healthy("dying").withDieAfter(8));
         Pipeline p = MiniEngine.open("irg-paper", 2, 2, MiniEngine.fastRetries(), good.uri(), flaky.uri(),
             dying.uri())) {
      assertEquals(6, p.parallelism());
      MiniEngine.Outcome out = MiniEngine.run(p, plan);

      assertEquals(Map.of(), out.failed());
      assertEquals(plan.size(), out.stored().size());
      assertTrue(dying.isDead());

      // every trajectory was answered 200 exactly once over all servers, never from an idempotency cache
      Map<String, Integer> okCount = new TreeMap<>();
      List<IrgSimulator> sims = List.of(good, flaky, dying);
      for (IrgSimulator s : sims) {
        for (LoggedRequest l : s.trajectoryLog()) {
          assertTrue(!l.outcome().equals("cached"), "no repeated success: " + l);
          if (l.status() == 200) {
            okCount.merge(json.readTree(l.body()).get("id").asText(), 1, Integer::sum);
          }
        }
      }
      assertEquals(plan.size(), okCount.size());
      assertTrue(okCount.values().stream().allMatch(c -> c == 1), okCount.toString());
      for (GenerationRequest r : plan) {
        Generation g = out.stored().get(r.id());
        assertEquals(2, g.turns().size());
      }

      // per-endpoint counts for summary.json agree with what each server saw
      JsonNode eps = json.valueToTree(p.stats()).get("endpoints");
      JsonNode g = eps.get(good.uri().toString());
      JsonNode f = eps.get(flaky.uri().toString());
      JsonNode d = eps.get(dying.uri().toString());
      assertEquals(good.trajectoryLog().size(), g.get("requests").asInt());
      assertEquals(flaky.trajectoryLog().size(), f.get("requests").asInt());
      long flakyFailures = flaky.trajectoryLog().stream().filter(l -> l.status() != 200).count();
      assertTrue(flakyFailures > 0, "the flaky endpoint must have failed some requests");
      assertEquals(flakyFailures, f.get("failures_total").asLong());
      long dyingOk = dying.trajectoryLog().stream().filter(l -> l.status() == 200).count();
      assertTrue(dyingOk >= 1 && dyingOk <= 8, "it died after 8 requests; work in flight then was lost");
      assertEquals(dyingOk, d.get("successes").asLong());
      assertTrue(d.get("requests").asInt() > dyingOk);
      assertTrue(d.get("failures").get("network").asInt() >= 1);
      assertEquals("out", d.get("state").asText());
      assertTrue(d.get("taken_out").asInt() >= 1);
      assertEquals(plan.size(),
          g.get("successes").asInt() + f.get("successes").asInt() + d.get("successes").asInt());
      assertTrue(g.get("mean_stage_ms").has("turn2.image"), "stage timings reach the summary");
      assertTrue(g.get("mean_stage_ms").get("turn1.image").asDouble() >= 3);
    }
  }

  /** Acceptance: the same run over 1 endpoint and over 3 endpoints asks for the same seed for every sample. */
  @Test
  void sameSeedsAndSamePixelsOverOneOrThreeEndpoints() throws Exception {
    List<GenerationRequest> plan = MiniEngine.plan(2024, 6, 4, 2);
    Map<String, Long> seedsOne;
    Map<String, byte[]> pixelsOne = new HashMap<>();
    try (IrgSimulator only = IrgSimulator.start(healthy("only"));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, MiniEngine.fastRetries(), only.uri())) {
      MiniEngine.Outcome out = MiniEngine.run(p, plan);
      assertEquals(plan.size(), out.stored().size());
      seedsOne = seedsSent(List.of(only));
      out.stored().forEach((id, g) -> pixelsOne.put(id, g.turns().get(1).png()));
    }
    Map<String, Long> seedsThree;
    try (IrgSimulator a = IrgSimulator.start(healthy("a"));
         IrgSimulator b = IrgSimulator.start(flaky("b"));
         IrgSimulator c = IrgSimulator.start(healthy("c").withDieAfter(5));
         Pipeline p = MiniEngine.open("irg-paper", 2, 3, MiniEngine.fastRetries(), a.uri(), b.uri(), c.uri())) {
      List<GenerationRequest> shuffled = new ArrayList<>(plan);
      java.util.Collections.shuffle(shuffled, new java.util.Random(5));
      MiniEngine.Outcome out = MiniEngine.run(p, shuffled);
      assertEquals(plan.size(), out.stored().size());
      seedsThree = seedsSent(List.of(a, b, c));
      for (GenerationRequest r : plan) {
        assertArrayEquals(pixelsOne.get(r.id()), out.stored().get(r.id()).turns().get(1).png(), r.id());
      }
    }
    assertEquals(plan.size(), seedsOne.size());
    assertEquals(seedsOne, seedsThree);
    for (GenerationRequest r : plan) {
      assertEquals(org.irgeval.util.Seeds.derive(2024, "geneval", r.prompt().id(), r.sample()), seedsOne.get(r.id()));
    }
  }

  /** id -> seed over every request received (retries included); a retry with another seed fails the test. */
  private Map<String, Long> seedsSent(List<IrgSimulator> sims) throws Exception {
    Map<String, Long> seeds = new TreeMap<>();
    for (IrgSimulator s : sims) {
      for (LoggedRequest l : s.trajectoryLog()) {
        if (l.status() == -1) {
          continue; // dropped by a dead simulator: never parsed
        }
        JsonNode n = json.readTree(l.body());
        Long before = seeds.put(n.get("id").asText(), n.get("seed").asLong());
        assertTrue(before == null || before == n.get("seed").asLong(), "seed changed on retry of " + n.get("id"));
      }
    }
    return seeds;
  }

  /** An endpoint that keeps failing is taken out, probed after the cool-down, readmitted, and taken out again. */
  @Test
  void failingEndpointIsTakenOutAndProbedAgain() throws Exception {
    Map<String, String> opts = new HashMap<>(MiniEngine.fastRetries());
    opts.put("take_out_after", "2");
    opts.put("cooldown_ms", "20");
    opts.put("max_cooldown_ms", "20");
    SimConfig slow = healthy("slow").withLatency(LatencyModel.fixed(0), LatencyModel.fixed(15), 1.0);
    try (IrgSimulator good = IrgSimulator.start(slow);
         IrgSimulator bad = IrgSimulator.start(SimConfig.defaults().withName("bad")
             .withFailures(Map.of("internal", 1.0)));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts, good.uri(), bad.uri())) {
      MiniEngine.Outcome out = MiniEngine.run(p, MiniEngine.plan(1, 30, 1, 2));
      assertEquals(30, out.stored().size());
      JsonNode b = json.valueToTree(p.stats()).get("endpoints").get(bad.uri().toString());
      assertEquals(0, b.get("successes").asInt());
      assertTrue(b.get("taken_out").asInt() >= 2, b.toString());
      assertTrue(b.get("health_probes").asInt() >= 1, b.toString());
      assertEquals(0, b.get("health_probe_failures").asInt(), "its health answer is fine, only its work fails");
    }
  }

  /** A dead endpoint's probes fail and it stays out; the run still completes on the others. */
  @Test
  void deadEndpointStaysOutAfterFailedProbes() throws Exception {
    SimConfig slow = healthy("slow").withLatency(LatencyModel.fixed(0), LatencyModel.fixed(10), 1.0);
    Map<String, String> opts = new HashMap<>(MiniEngine.fastRetries());
    opts.put("cooldown_ms", "10");
    opts.put("max_cooldown_ms", "20");
    try (IrgSimulator good = IrgSimulator.start(slow);
         IrgSimulator dead = IrgSimulator.start(healthy("dead").withDieAfter(1));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts, good.uri(), dead.uri())) {
      MiniEngine.Outcome out = MiniEngine.run(p, MiniEngine.plan(3, 25, 1, 2));
      assertEquals(25, out.stored().size());
      JsonNode d = json.valueToTree(p.stats()).get("endpoints").get(dead.uri().toString());
      assertEquals("out", d.get("state").asText());
      assertTrue(d.get("health_probes").asInt() >= 1, d.toString());
      assertEquals(d.get("health_probes").asInt(), d.get("health_probe_failures").asInt());
    }
  }
}
