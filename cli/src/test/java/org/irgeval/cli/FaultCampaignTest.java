package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.irgeval.data.DemoSamples;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer.Fault;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge fault campaign (docs/reliability.md): a WISE run whose loopback judge answers 70% of requests with a
 * fault drawn with a fixed seed — 5xx, 429, a cut body, a reset connection, a body that trickles past the timeout,
 * a 64 MiB body, a reply past the timeout, a reply the official parser cannot read — over a thousand faults. The run
 * completes (resumed until nothing is left), every failure is counted, and no failure is ever folded into a score:
 * each stored score equals the fault-free judge's answer for that image.
 */
@SystemTest
class FaultCampaignTest {
  static final long MIN_FAULTS = 1000;

  @TempDir
  Path tmp;

  @Test
  void aThousandJudgeFaultsAreCountedAndNeverScored() throws Exception {
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"));
    Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    Random rnd = new Random(20261201L);
    Object lock = new Object();
    FaultyJudgeServer.FaultPlan plan = (n, req) -> {
      double u;
      int k;
      synchronized (lock) {
        u = rnd.nextDouble();
        k = rnd.nextInt(7);
      }
      if (u >= 0.65) {
        return Fault.none();
      }
      Fault f = switch (k) {
        case 0 -> Fault.serverError();
        case 1 -> Fault.rateLimit(0);
        case 2 -> Fault.malformed();
        case 3 -> Fault.reset();
        case 4 -> Fault.slowBody(Duration.ofMillis(40));
        case 5 -> Fault.hugeBody();
        default -> Fault.delay(Duration.ofMillis(1500));
      };
      byKind.computeIfAbsent(f.kind().name(), x -> new AtomicLong()).incrementAndGet();
      return f;
    };
    Random prose = new Random(7);
    Path run = tmp.resolve("run");
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(req -> {
      String h = Hashing.sha256(LoopbackJudgeServer.images(req).get(0));
      boolean unparsable;
      synchronized (lock) {
        unparsable = prose.nextDouble() < 0.15;
      }
      if (unparsable) {
        byKind.computeIfAbsent("UNPARSABLE_REPLY", x -> new AtomicLong()).incrementAndGet();
        return LoopbackJudgeServer.Answer.text("I would rather not judge this image.");
      }
      return LoopbackJudgeServer.Answer.text("Consistency: " + Character.digit(h.charAt(0), 16) % 3 + "\nRealism: "
          + Character.digit(h.charAt(1), 16) % 3 + "\nAesthetic Quality: " + Character.digit(h.charAt(2), 16) % 3);
    }, plan)) {
      String[] cmd = {"run", "--pipeline", "reference", "--benchmarks", "wise", "--samples", "40", "--data",
          data.toString(), "--judge-url", judge.baseUrl().toString(), "--judge-timeout", "1", "--judge-retries", "3",
          "--out", run.toString()};
      int runs = 0;
      int code;
      do {
        code = CliTestSupport.run(cmd).code();
        runs++;
      } while (code == ExitCodes.INCOMPLETE && runs < 8 && !allScoredOrCounted(run));
      long faults = byKind.values().stream().mapToLong(AtomicLong::get).sum();
      System.out.println("[fault campaign] " + faults + " judge faults over " + judge.requests() + " requests in "
          + runs + " run(s): " + new TreeMap<>(byKind));
      assertTrue(faults >= MIN_FAULTS, "at least " + MIN_FAULTS + " faults: " + faults);
      JsonNode v = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("wise")
          .path("variants").path("reflection");
      assertEquals(7, v.path("n_prompts").asInt());
      assertEquals(280, v.path("n_images").asInt() + v.path("failures").asInt(), "every image scored or counted");
      // No fault ever became a number: each stored score is the fault-free answer for its image.
      for (String line : CliTestSupport.lines(run.resolve("scores.jsonl"))) {
        JsonNode s = Json.mapper().readTree(line);
        if (!s.path("error").isNull() && s.has("error")) {
          continue;
        }
        JsonNode t = trajectory(run, s);
        String h = t == null ? null : turnSha(t, s.path("variant").asText());
        assertTrue(h != null, "a score of a stored image");
        assertEquals(Character.digit(h.charAt(0), 16) % 3, s.path("values").path("consistency").asInt(), line);
        assertEquals(Character.digit(h.charAt(1), 16) % 3, s.path("values").path("realism").asInt(), line);
      }
    }
  }

  /** Every image of the run has a score line (a value or a counted failure): nothing left to retry. */
  private static boolean allScoredOrCounted(Path run) throws Exception {
    return CliTestSupport.lines(run.resolve("scores.jsonl")).size() == 2 * 280;
  }

  private static JsonNode trajectory(Path run, JsonNode score) throws Exception {
    String id = "wise/" + score.path("prompt_id").asText() + "/s" + score.path("sample").asInt();
    for (String l : CliTestSupport.lines(run.resolve("trajectories.jsonl"))) {
      JsonNode t = Json.mapper().readTree(l);
      if (t.path("id").asText().equals(id)) {
        return t;
      }
    }
    return null;
  }

  private static String turnSha(JsonNode t, String variant) {
    for (JsonNode turn : t.path("turns")) {
      if (turn.path("variant").asText().equals(variant)) {
        return turn.path("sha256").asText();
      }
    }
    return null;
  }
}
