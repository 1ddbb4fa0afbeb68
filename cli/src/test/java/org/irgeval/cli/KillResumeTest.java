package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.irgeval.util.Json;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL (a real child JVM, not a simulated exception) at several points, then finished,
 * loses nothing and duplicates nothing, and ends with exactly the scores of a run that was never killed.
 */
@SystemTest
class KillResumeTest {
  @TempDir
  Path tmp;

  private List<String> args(Path data, Path run) {
    return List.of("run", "--pipeline", "reference", "--pipeline-opt", "delay-ms=40", "--benchmarks", "geneval",
        "--data", data.toString(), "--out", run.toString());
  }

  @Test
  void sigkillAtAnyPointLosesAndDuplicatesNothing() throws Exception {
    Path data = new DemoData().extract(tmp.resolve("demo-data"));
    Path killed = tmp.resolve("killed");
    // Kill once early (before or during the first lines), once mid-generation, once later.
    for (int waitForLines : new int[] {0, 9, 25}) {
      Process p = startChild(args(data, killed));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (CliTestSupport.lines(killed.resolve("trajectories.jsonl")).size() < waitForLines && p.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    int before = CliTestSupport.lines(killed.resolve("trajectories.jsonl")).size();
    assertTrue(before < 48, "the kills happened before the run was done (" + before + " stored)");
    CliTestSupport.Result finish = CliTestSupport.run(args(data, killed).toArray(String[]::new));
    assertEquals(0, finish.code(), finish.err());

    Path clean = tmp.resolve("clean");
    assertEquals(0, CliTestSupport.run(args(data, clean).toArray(String[]::new)).code());

    List<String> ids = ids(killed.resolve("trajectories.jsonl"), "id");
    assertEquals(48, ids.size(), "12 prompts x 4 samples");
    assertEquals(48, new HashSet<>(ids).size(), "no trajectory stored twice");
    Map<String, String> killedScores = scores(killed);
    assertEquals(96, CliTestSupport.lines(killed.resolve("scores.jsonl")).size(), "no score line twice");
    assertEquals(scores(clean), killedScores, "the same scores as a run that was never killed");
    for (String line : CliTestSupport.lines(killed.resolve("trajectories.jsonl"))) {
      for (JsonNode turn : Json.mapper().readTree(line).path("turns")) {
        assertTrue(Files.size(killed.resolve(turn.path("image").asText())) > 0, "every named image exists");
      }
    }
  }

  static Process startChild(List<String> cliArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(cliArgs);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static List<String> ids(Path f, String field) throws Exception {
    List<String> out = new ArrayList<>();
    for (String l : CliTestSupport.lines(f)) {
      out.add(Json.mapper().readTree(l).path(field).asText());
    }
    return out;
  }

  private static Map<String, String> scores(Path run) throws Exception {
    Map<String, String> out = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (String l : CliTestSupport.lines(run.resolve("scores.jsonl"))) {
      JsonNode n = Json.mapper().readTree(l);
      String key = n.path("prompt_id").asText() + "/" + n.path("sample").asInt() + "/" + n.path("variant").asText();
      assertTrue(seen.add(key), "duplicate score " + key);
      out.put(key, n.path("values").toString());
    }
    return out;
  }
}
