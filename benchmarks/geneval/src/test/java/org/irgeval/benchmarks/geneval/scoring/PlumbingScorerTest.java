package org.irgeval.benchmarks.geneval.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;
import org.irgeval.benchmarks.geneval.GenEvalPlumbingScorerProvider;
import org.irgeval.benchmarks.geneval.GenEvalRecordedScorerProvider;
import org.irgeval.benchmarks.geneval.GenEvalTestData;
import org.irgeval.pipeline.reference.ScenePlan;
import org.irgeval.pipeline.reference.SceneRenderer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official rules end to end on reference-renderer drawings (the embedded demo's scoring path). */
class PlumbingScorerTest {
  static Path data;
  static PromptSet prompts;
  @TempDir
  Path tmp;

  @BeforeAll
  static void load() throws Exception {
    data = GenEvalTestData.root();
    prompts = new GenEvalBenchmark().load(data, Map.of());
  }

  Scorer open() throws Exception {
    return new GenEvalPlumbingScorerProvider().open(new ScorerContext(data, Map.of(), tmp, Optional.empty(), prompts, 1, org.irgeval.api.ComputeDevice.CPU));
  }

  /** Draws instances (code, colour, col, row) and scores the drawing for prompt {@code index}. */
  ScoreOutcome score(int index, ScenePlan.Instance... instances) throws Exception {
    Path png = tmp.resolve("img-" + index + "-" + System.nanoTime() + ".png");
    Files.write(png, SceneRenderer.png(new SceneRenderer().render(new ScenePlan(List.of(instances), null))));
    try (Scorer s = open()) {
      return s.score(new ScoringInput(prompts.prompts().get(index), 2, "reflection", png, null));
    }
  }

  static ScenePlan.Instance at(Prompt p, int obj, String color, int col, int row) {
    var o = GenEvalTestData.hints(p).objects().get(obj);
    return new ScenePlan.Instance(o.code(), o.label(), color, col, row, 1);
  }

  @Test
  void positionPromptRightAndWrong() throws Exception {
    Prompt p = prompts.prompts().stream().filter(x -> x.category().equals("position")
        && GenEvalTestData.hints(x).objects().get(1).relation().equals("right of")).findFirst().orElseThrow();
    ScoreOutcome ok = score(p.index(), at(p, 0, "green", 0, 1), at(p, 1, "red", 2, 1));
    assertEquals(Map.of("correct", 1.0), ok.values(), ok.detail().toString());
    JsonNode d = ok.detail();
    assertEquals(p.id() + "/samples/00002.png", d.get("filename").asText());
    assertEquals("position", d.get("tag").asText());
    assertEquals(true, d.get("correct").asBoolean());
    assertEquals("", d.get("reason").asText());
    JsonNode details = Json.mapper().readTree(d.get("details").asText());
    assertEquals(2, details.size());
    ScoreOutcome wrong = score(p.index(), at(p, 0, "green", 2, 1), at(p, 1, "red", 0, 1));
    assertEquals(Map.of("correct", 0.0), wrong.values());
    assertEquals("expected " + GenEvalTestData.hints(p).objects().get(1).label() + " right of target, found left of target",
        wrong.detail().get("reason").asText());
  }

  @Test
  void colorsPromptReadsThePaletteColour() throws Exception {
    Prompt p = prompts.prompts().get(259);
    assertEquals("colors", p.category());
    String want = GenEvalTestData.hints(p).objects().get(0).color();
    String other = want.equals("red") ? "blue" : "red";
    assertEquals(1.0, score(259, at(p, 0, want, 1, 1)).values().get("correct"));
    ScoreOutcome bad = score(259, at(p, 0, other, 1, 1));
    assertEquals(0.0, bad.values().get("correct"));
    assertEquals("expected " + want + " " + GenEvalTestData.hints(p).objects().get(0).label() + ">=1, found 0 " + want + "; and 1 "
        + other, bad.detail().get("reason").asText());
  }

  @Test
  void countingPromptNeedsExactlyTheCount() throws Exception {
    Prompt p = prompts.prompts().get(179);
    int n = GenEvalTestData.hints(p).objects().get(0).count();
    ScenePlan.Instance[] exact = new ScenePlan.Instance[n];
    ScenePlan.Instance[] more = new ScenePlan.Instance[n + 1];
    for (int i = 0; i <= n; i++) {
      ScenePlan.Instance in = at(p, 0, "brown", i % 4, i / 4);
      if (i < n) {
        exact[i] = in;
      }
      more[i] = in;
    }
    assertEquals(1.0, score(179, exact).values().get("correct"));
    ScoreOutcome over = score(179, more);
    assertEquals(0.0, over.values().get("correct"));
    assertEquals("expected " + GenEvalTestData.hints(p).objects().get(0).label() + "<" + (n + 1) + ", found " + (n + 1),
        over.detail().get("reason").asText());
  }

  @Test
  void everyProviderIsRegisteredAndTheModelOnesSayWhatTheyNeed() throws Exception {
    var ids = java.util.ServiceLoader.load(org.irgeval.api.ScorerProvider.class).stream()
        .map(java.util.ServiceLoader.Provider::get).filter(x -> x.benchmarks().contains("geneval"))
        .map(org.irgeval.api.ScorerProvider::id).sorted().toList();
    assertTrue(ids.containsAll(List.of("geneval-recorded", "geneval-plumbing")), ids.toString());
    // the former id still names the recorded back end (old commands, old run directories)
    assertEquals("geneval-recorded", org.irgeval.run.Registry.discover()
        .chooseScorer("geneval", "geneval-detections", false, false).orElseThrow().id());
    ScorerContext none = new ScorerContext(data, Map.of(), tmp, Optional.empty(), prompts, 1, org.irgeval.api.ComputeDevice.CPU);
    ScorerUnavailableException e = assertThrows(ScorerUnavailableException.class,
        () -> new GenEvalRecordedScorerProvider().open(none));
    assertTrue(e.getMessage().contains("detections="), e.getMessage());
    assertTrue(java.util.ServiceLoader.load(org.irgeval.api.Benchmark.class).stream()
        .anyMatch(b -> b.get().id().equals("geneval")));
  }
}
