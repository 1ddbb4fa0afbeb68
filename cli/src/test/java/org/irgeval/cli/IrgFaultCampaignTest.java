package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LoggedRequest;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Json;
import org.irgeval.util.PngCheck;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator-side fault campaign (docs/reliability.md): an {@code irg-eval run --pipeline irg} on GenEval prompts
 * against four loopback simulators that answer three requests in four with a fault drawn with a fixed seed — the
 * protocol's error answers (500 internal, 503 busy and out_of_memory) and what a broken server or network sends
 * instead of an answer (a reset connection, a body trickling past the timeout, an answer past the timeout, a PNG cut
 * inside IDAT, a JPEG, a PNG of the wrong size, junk JSON in a 200) — over a thousand faults. The run is resumed until
 * complete; every planned trajectory is stored exactly once, every stored image decodes at the requested 1024x1024
 * with the same SHA-256 as in a fault-free run (the simulator's pictures depend on the seed only), and the summary's
 * generation figures equal that run's. Generation only: the plumbing detector would find nothing in blocks and cost
 * ~75 ms per 1024x1024 image; equal image hashes fix every later score.
 */
@SystemTest
class IrgFaultCampaignTest {
  static final long MIN_FAULTS = 1000;
  static final int PROMPTS = 100; // x 4 samples = 400 trajectories, 800 images
  static final int ENDPOINTS = 4;
  /** Fault rates per trajectory request (0.75 in all). */
  static final Map<String, Double> RATES = new LinkedHashMap<>();

  static {
    RATES.put("internal", 0.07);
    RATES.put("busy", 0.07);
    RATES.put("out_of_memory", 0.07);
    RATES.put("reset", 0.09);
    RATES.put("slow_body", 0.04);
    RATES.put("timeout", 0.04);
    RATES.put("truncated_png", 0.10);
    RATES.put("not_png", 0.09);
    RATES.put("wrong_size", 0.10);
    RATES.put("junk_json", 0.08);
  }

  @TempDir
  Path tmp;

  private static SimConfig sim(Path data, int i) throws Exception {
    return SimConfig.defaults().withName("campaign-" + i).withImageSize(0) // the requested 1024x1024
        .withSystemPrompts(IrgSimulator.systemPromptHashes(data)).withSeed(20261201L + i).withFaultDelayMs(1500);
  }

  private static String[] cmd(Path data, List<IrgSimulator> sims, Path run, int timeoutS) {
    List<String> c = new ArrayList<>(List.of("run", "--pipeline", "irg", "--preset", "irg-paper", "--benchmarks",
        "geneval", "--limit", String.valueOf(PROMPTS), "--data", data.toString(), "--concurrency", "2",
        "--generate-only", "--out", run.toString(),
        "--pipeline-opt", "max_attempts=4", "--pipeline-opt", "backoff_ms=2", "--pipeline-opt", "max_backoff_ms=10",
        "--pipeline-opt", "take_out_after=4", "--pipeline-opt", "cooldown_ms=20", "--pipeline-opt",
        "max_cooldown_ms=80", "--pipeline-opt", "request_timeout_s=" + timeoutS, "--pipeline-opt", "endpoint_wait_s=60"));
    for (IrgSimulator s : sims) {
      c.add("--endpoint");
      c.add(s.uri().toString());
    }
    return c.toArray(String[]::new);
  }

  @Test
  void aThousandGeneratorFaultsThenEveryTrajectoryOnceAtTheRequestedSize() throws Exception {
    Path data = CliTestSupport.shared("irg", "geneval");
    long t0 = System.nanoTime();
    // the fault-free reference
    Path clean = tmp.resolve("clean");
    List<IrgSimulator> cleanSims = new ArrayList<>();
    try {
      for (int i = 0; i < ENDPOINTS; i++) {
        cleanSims.add(IrgSimulator.start(sim(data, i)));
      }
      CliTestSupport.Result r = CliTestSupport.run(cmd(data, cleanSims, clean, 30));
      assertEquals(ExitCodes.OK, r.code(), r.err());
    } finally {
      cleanSims.forEach(IrgSimulator::close);
    }
    long cleanMs = (System.nanoTime() - t0) / 1_000_000;

    Path run = tmp.resolve("faulty");
    List<IrgSimulator> sims = new ArrayList<>();
    List<String> exits = new ArrayList<>();
    try {
      for (int i = 0; i < ENDPOINTS; i++) {
        sims.add(IrgSimulator.start(sim(data, i).withFailures(RATES)));
      }
      int code;
      do {
        code = CliTestSupport.run(cmd(data, sims, run, 1)).code();
        exits.add(String.valueOf(code));
        assertTrue(code == ExitCodes.OK || code == ExitCodes.INCOMPLETE || code == ExitCodes.STOPPED,
            "exit " + code + " (3: generations failed and were counted, 4: the circuit breaker stopped the run)");
      } while (code != ExitCodes.OK && exits.size() < 15);
      assertEquals(ExitCodes.OK, code, "complete after resuming: exits " + exits);

      Map<String, Long> byKind = new TreeMap<>();
      long requests = 0;
      for (IrgSimulator s : sims) {
        for (LoggedRequest q : s.trajectoryLog()) {
          requests++;
          if (!q.outcome().equals("ok") && !q.outcome().equals("cached")) {
            byKind.merge(q.outcome(), 1L, Long::sum);
          }
        }
      }
      long faults = byKind.values().stream().mapToLong(Long::longValue).sum();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("[irg fault campaign] " + faults + " generator faults over " + requests
          + " trajectory requests to " + ENDPOINTS + " simulators in " + exits.size() + " run(s) (exit codes "
          + String.join(",", exits) + "): " + byKind + "; fault-free run " + cleanMs + " ms, campaign " + ms + " ms");
      assertTrue(faults >= MIN_FAULTS, "at least " + MIN_FAULTS + " faults: " + faults);
      assertTrue(byKind.keySet().containsAll(RATES.keySet()), "every fault kind drawn: " + byKind);

      // every planned trajectory stored exactly once, every image decodes at the requested size
      List<String> ids = new ArrayList<>();
      for (String l : CliTestSupport.lines(run.resolve("trajectories.jsonl"))) {
        JsonNode t = Json.mapper().readTree(l);
        ids.add(t.path("id").asText());
        assertEquals(2, t.path("turns").size());
        for (JsonNode turn : t.path("turns")) {
          BufferedImage img = PngCheck.decode(Files.readAllBytes(run.resolve(turn.path("image").asText())));
          assertEquals(1024, img.getWidth(), turn.path("image").asText());
          assertEquals(1024, img.getHeight(), turn.path("image").asText());
        }
      }
      Set<String> unique = new HashSet<>(ids);
      assertEquals(ids.size(), unique.size(), "no trajectory stored twice");
      Set<String> planned = new HashSet<>();
      for (String l : CliTestSupport.lines(clean.resolve("trajectories.jsonl"))) {
        planned.add(Json.mapper().readTree(l).path("id").asText());
      }
      assertEquals(PROMPTS * 4, planned.size());
      assertEquals(planned, unique, "every planned trajectory stored");
      assertEquals(imageHashes(clean), imageHashes(run), "the same pixels as the fault-free run");

      // the summary equals the fault-free run's: what was planned and stored, and the same generations (the stored
      // images' SHA-256 above fix every later score); only this session's timings and failure counts differ
      JsonNode a = Json.mapper().readTree(clean.resolve("summary.json").toFile()).path("benchmarks").path("geneval");
      JsonNode b = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("geneval");
      assertEquals(PROMPTS * 4, a.path("generation").path("planned").asInt(), a.toString());
      for (String f : List.of("/status", "/prompt_version", "/generation/planned", "/generation/stored",
          "/generation/mean/turn1_text_tokens", "/generation/mean/turn2_text_tokens")) {
        assertEquals(a.at(f), b.at(f), f);
      }
      assertEquals(a.path("generation").path("planned"), b.path("generation").path("stored"), "nothing missing");
    } finally {
      sims.forEach(IrgSimulator::close);
    }
  }

  private static TreeMap<String, String> imageHashes(Path run) throws Exception {
    TreeMap<String, String> out = new TreeMap<>();
    for (String l : CliTestSupport.lines(run.resolve("trajectories.jsonl"))) {
      JsonNode t = Json.mapper().readTree(l);
      for (JsonNode turn : t.path("turns")) {
        out.put(t.path("id").asText() + "/" + turn.path("variant").asText(), turn.path("sha256").asText());
      }
    }
    return out;
  }
}
