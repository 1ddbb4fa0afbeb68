package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.irgeval.util.Json;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill campaign (docs/reliability.md): real {@code irg-eval run} processes on three benchmarks (GenEval with its
 * plumbing detector, WISE and TIIF through the loopback plumbing judge) are SIGKILLed at 20 points drawn with a fixed
 * seed across generation, scoring, exports and the summary, then the run is finished: every trajectory and score
 * exists exactly once and every variant's summary equals that of a run never killed.
 */
@SystemTest
class KillCampaignTest {
  static final int KILLS = 20;

  @TempDir
  Path tmp;

  private List<String> args(Path data, Path run) {
    return List.of("run", "--pipeline", "reference", "--pipeline-opt", "delay-ms=15", "--benchmarks",
        "geneval,wise,tiif", "--data", data.toString(), "--out", run.toString());
  }

  @Test
  void twentyKillsAtRandomPointsThenResumeEqualsAnUninterruptedRun() throws Exception {
    Path data = new DemoData().extract(tmp.resolve("demo-data"));
    Path clean = tmp.resolve("clean");
    long t0 = System.nanoTime();
    assertEquals(0, CliTestSupport.run(args(data, clean).toArray(String[]::new)).code());
    long cleanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    Path killed = tmp.resolve("killed");
    Random rnd = new Random(20261201L);
    List<String> where = new ArrayList<>();
    for (int k = 0; k < KILLS; k++) {
      Process p = KillResumeTest.startChild(args(data, killed));
      // a child JVM starts in about a second; the kill lands anywhere from start-up to past the end of the work
      long delay = 300 + (long) (rnd.nextDouble() * (1500 + 1.2 * cleanMs));
      boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      }
      where.add(String.format("kill %2d at %5d ms: %s; %d trajectories, %d scores%s", k + 1, delay,
          exited ? "had already finished" : "killed", CliTestSupport.lines(killed.resolve("trajectories.jsonl")).size(),
          CliTestSupport.lines(killed.resolve("scores.jsonl")).size(),
          Files.exists(killed.resolve("summary.json")) ? ", summary present" : ""));
    }
    CliTestSupport.Result finish = CliTestSupport.run(args(data, killed).toArray(String[]::new));
    assertEquals(0, finish.code(), finish.err());
    System.out.println("[kill campaign] " + KILLS + " SIGKILLs, clean run " + cleanMs + " ms");
    where.forEach(w -> System.out.println("[kill campaign] " + w));

    List<String> ids = new ArrayList<>();
    for (String l : CliTestSupport.lines(killed.resolve("trajectories.jsonl"))) {
      ids.add(Json.mapper().readTree(l).path("id").asText());
    }
    assertEquals(new HashSet<>(ids).size(), ids.size(), "no trajectory stored twice");
    assertEquals(CliTestSupport.lines(clean.resolve("trajectories.jsonl")).size(), ids.size());
    assertEquals(scores(clean), scores(killed), "every score exactly once, equal to the uninterrupted run's");
    JsonNode a = Json.mapper().readTree(clean.resolve("summary.json").toFile()).path("benchmarks");
    JsonNode b = Json.mapper().readTree(killed.resolve("summary.json").toFile()).path("benchmarks");
    for (String bench : List.of("geneval", "wise", "tiif")) {
      assertEquals(a.path(bench).path("variants"), b.path(bench).path("variants"), bench);
      assertEquals(a.path(bench).path("effects"), b.path(bench).path("effects"), bench);
    }
    for (String l : CliTestSupport.lines(killed.resolve("trajectories.jsonl"))) {
      for (JsonNode turn : Json.mapper().readTree(l).path("turns")) {
        assertTrue(Files.size(killed.resolve(turn.path("image").asText())) > 0, "every named image exists");
      }
    }
  }

  private static TreeMap<String, String> scores(Path run) throws Exception {
    TreeMap<String, String> out = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (String l : CliTestSupport.lines(run.resolve("scores.jsonl"))) {
      JsonNode n = Json.mapper().readTree(l);
      String key = n.path("benchmark").asText() + "/" + n.path("prompt_id").asText() + "/" + n.path("sample").asInt()
          + "/" + n.path("variant").asText();
      assertTrue(seen.add(key), "duplicate score " + key);
      out.put(key, n.path("values").toString());
    }
    return out;
  }
}
