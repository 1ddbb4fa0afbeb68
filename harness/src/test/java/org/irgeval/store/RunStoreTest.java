package org.irgeval.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Trajectory;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
  @TempDir
  Path dir;

  private static GenerationRequest request(String promptId) {
    Prompt p = new Prompt(promptId, 0, "a prompt", "cat", null);
    return new GenerationRequest(GenerationRequest.idOf("bench", promptId, 1), "bench", p, 1, 7, 2);
  }

  private static Generation generation() {
    return new Generation(List.of(
        new GeneratedTurn("<think>plan</think>", new byte[] {1, 2, 3}, Map.of("text", 5L, "image", 9L), Map.of("text", 4)),
        new GeneratedTurn("<think>fix</think>", new byte[] {4, 5}, Map.of("image", 8L), Map.of())),
        Map.of("name", "m"), "http://e", false);
  }

  @Test
  void trajectoryImagesAndLineSurviveReopen() throws Exception {
    try (RunStore s = RunStore.open(dir)) {
      Trajectory t = s.putTrajectory(request("p/1"), generation(), 42);
      String img = t.turns().get(0).image();
      assertTrue(img.startsWith("images/bench/p_1~") && img.endsWith("/1-1.png"), img);
      assertEquals("reflection", t.turns().get(1).variant());
      assertEquals(Hashing.sha256(new byte[] {4, 5}), t.turns().get(1).sha256());
    }
    try (RunStore s = RunStore.open(dir)) {
      Trajectory t = s.trajectory("bench/p/1/s1");
      assertEquals(7, t.seed());
      assertEquals(5L, t.turns().get(0).timingsMs().get("text"));
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve(t.turns().get(0).image())));
      // Storing the same id again writes nothing.
      s.putTrajectory(request("p/1"), generation(), 1);
    }
    assertEquals(1, Files.readAllLines(dir.resolve(RunStore.TRAJECTORIES)).size());
  }

  @Test
  void scoreLinesAreFlatAndWrittenOnce() throws Exception {
    ScoreKey k = new ScoreKey("bench", "p1", 0, "no-reflection", "sc");
    try (RunStore s = RunStore.open(dir)) {
      s.putScore(new ScoreRecord(k, Map.of("correct", 1.0), null, "raw text", null, 3));
      s.putScore(new ScoreRecord(k, Map.of("correct", 0.0), null, null, null, 3));
    }
    List<String> lines = Files.readAllLines(dir.resolve(RunStore.SCORES));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("{\"benchmark\":\"bench\",\"prompt_id\":\"p1\",\"sample\":0,"
        + "\"variant\":\"no-reflection\",\"scorer\":\"sc\",\"values\":{\"correct\":1.0}"), lines.get(0));
    try (RunStore s = RunStore.open(dir)) {
      assertEquals(1.0, s.scores().iterator().next().value("correct"));
      assertTrue(s.hasScore(k));
    }
  }
}
