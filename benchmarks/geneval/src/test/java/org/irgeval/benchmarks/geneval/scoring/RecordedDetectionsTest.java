package org.irgeval.benchmarks.geneval.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;
import org.irgeval.benchmarks.geneval.GenEvalRecordedScorerProvider;
import org.irgeval.benchmarks.geneval.GenEvalTestData;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedDetectionsTest {
  static Path data;
  static PromptSet prompts;
  @TempDir
  Path tmp;

  @BeforeAll
  static void load() throws Exception {
    data = GenEvalTestData.root();
    prompts = new GenEvalBenchmark().load(data, Map.of());
  }

  Scorer open(String... lines) throws Exception {
    Path f = tmp.resolve("detections.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return new GenEvalRecordedScorerProvider().open(new ScorerContext(data, Map.of("detections", f.toString()), tmp,
        Optional.empty(), prompts, 1, org.irgeval.api.ComputeDevice.CPU));
  }

  @Test
  void colorsPromptFromImportedRowsByHashAndByKey() throws Exception {
    Prompt p = prompts.prompts().get(259); // colors: one requirement with a colour
    String cls = GenEvalTestData.hints(p).objects().get(0).label();
    String want = GenEvalTestData.hints(p).objects().get(0).color();
    assertEquals("blue", want);
    Path a = Files.write(tmp.resolve("a.png"), new byte[] {1, 2, 3});
    Path b = Files.write(tmp.resolve("b.png"), new byte[] {4, 5, 6});
    // image a: the top row (0.8) has the wanted colour, a weaker one (0.5) another; image b: reversed
    String rowsA = "[{\"class\": \"" + cls + "\", \"box\": [0, 0, 10, 10], \"score\": 0.5, \"color\": \"black\"},"
        + " {\"class\": \"" + cls + "\", \"box\": [20, 0, 30, 10], \"score\": 0.8, \"color\": \"" + want + "\"}]";
    String rowsB = "[{\"class\": \"" + cls + "\", \"box\": [0, 0, 10, 10], \"score\": 0.9, \"color\": \"black\"},"
        + " {\"class\": \"" + cls + "\", \"box\": [20, 0, 30, 10], \"score\": 0.8, \"color\": \"" + want + "\"}]";
    try (Scorer s = open("{\"image_sha256\": \"" + Hashing.sha256(a) + "\", \"detections\": " + rowsA + "}",
        "{\"prompt_id\": \"00259\", \"sample\": 1, \"variant\": \"reflection\", \"detections\": " + rowsB + "}")) {
      ScoreOutcome ok = s.score(new ScoringInput(p, 0, "no-reflection", a, null));
      assertEquals(1.0, ok.values().get("correct"), ok.detail().toString());
      ScoreOutcome bad = s.score(new ScoringInput(p, 1, "reflection", b, null));
      assertEquals(0.0, bad.values().get("correct"));
      assertEquals("expected blue fire hydrant>=1, found 0 blue; and 1 black", bad.detail().get("reason").asText());
      // no line for this image: a counted failure, not a crash and not a wrong answer
      ScoreOutcome none = s.score(new ScoringInput(p, 2, "reflection", b, null));
      assertTrue(none.error().contains("no line for"), none.error());
      assertTrue(s.fingerprint().contains("imported-detections sha256="), s.fingerprint());
    }
  }

  @Test
  void malformedRowsNameLineAndField() throws Exception {
    record Case(String line, String field) {}
    for (Case c : List.of(
        new Case("{\"image_sha256\": \"x\", \"detections\": [{\"class\": \"unicorn\", \"box\": [0,0,1,1], \"score\": 1}]}",
            "detections[0].class"),
        new Case("{\"image_sha256\": \"x\", \"detections\": [{\"class\": \"dog\", \"box\": [0,0,1], \"score\": 1}]}",
            "detections[0].box"),
        new Case("{\"image_sha256\": \"x\", \"detections\": [{\"class\": \"dog\", \"box\": [0,0,1,1], \"score\": 1, \"color\": \"teal\"}]}",
            "detections[0].color"),
        new Case("{\"detections\": []}", "image_sha256"))) {
      DataException e = assertThrows(DataException.class, () -> open("{\"image_sha256\": \"y\", \"detections\": []}",
          c.line), c.line);
      assertEquals(2, e.line());
      assertEquals(c.field, e.field());
    }
  }
}
