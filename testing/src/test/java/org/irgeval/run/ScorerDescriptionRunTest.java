package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine does with a provider's {@link ScorerDescription}: a former id (alias) still names a renamed scorer
 * and an old run directory resumes under it; a plumbing provider's scores and fingerprint are labelled by the engine;
 * the shared options and typed defaults are declared once.
 */
class ScorerDescriptionRunTest {
  @TempDir
  Path tmp;

  private final StringWriter errText = new StringWriter();

  /** The toy scorer under another description. */
  private static ScorerProvider as(ToyScorer toy, ScorerDescription d) {
    return new ScorerProvider() {
      @Override
      public ScorerDescription describe() {
        return d;
      }

      @Override
      public Scorer open(ScorerContext context) {
        return toy.open(context);
      }
    };
  }

  private RunResult run(ScorerProvider scorer, Map<String, String> scorers) throws Exception {
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of("mistake-rate", "0.5"), tmp, null,
        id -> Optional.empty());
    RunConfig cfg = RunConfig.at(tmp.resolve("r")).data(tmp).benchmarks(List.of("toy")).pipeline("reference", pc)
        .limit(2).scoring(scorers, Map.of(), null).argv(List.of("test")).build();
    return new RunEngine(new Registry(List.of(new ToyBenchmark(6, 2)), List.of(new ReferencePipelineProvider()),
        List.of(scorer)), (s, d) -> {
          throw new AssertionError("no judge");
        }, new PrintWriter(errText, true)).run(cfg);
  }

  private JsonNode manifest() throws Exception {
    return Json.mapper().readTree(tmp.resolve("r/manifest.json").toFile());
  }

  @Test
  void aRenamedScorerAnswersToItsFormerIdAndItsOldRunsResume() throws Exception {
    ToyScorer toy = new ToyScorer("toy/1");
    RunResult old = run(as(toy, ScorerDescription.of("toy-detections", "toy", ScorerDescription.Kind.RECORDED,
        "before the rename")), Map.of("toy", "toy-detections"));
    assertEquals(8, old.scored());
    ScorerProvider renamed = as(toy, ScorerDescription.of("toy-recorded", "toy", ScorerDescription.Kind.RECORDED,
        "after the rename").aliases("toy-detections"));
    // the old command line still works, and the old directory resumes with nothing to redo
    RunResult again = run(renamed, Map.of("toy", "toy-detections"));
    assertEquals(0, again.scored());
    assertEquals(8, toy.calls.get());
    // by its new id too: the run keeps the id it recorded (its score keys and cache)
    assertEquals(0, run(renamed, Map.of("toy", "toy-recorded")).scored());
    assertEquals("toy-detections", manifest().path("fingerprint").path("benchmarks").path("toy").path("scorer")
        .path("id").asText());
    assertEquals("toy-recorded", new Registry(List.of(), List.of(), List.of(renamed))
        .chooseScorer("toy", "toy-detections", false, false).orElseThrow().id());
  }

  @Test
  void anAliasThatIsAnotherScorersIdIsRefused() {
    ScorerProvider a = as(new ToyScorer("a"), ScorerDescription.of("toy-a", "toy", ScorerDescription.Kind.MODEL, "a"));
    ScorerProvider b = as(new ToyScorer("b"), ScorerDescription.of("toy-b", "toy", ScorerDescription.Kind.MODEL, "b")
        .aliases("toy-a"));
    assertTrue(assertThrows(IllegalStateException.class, () -> new Registry(List.of(), List.of(), List.of(a, b)))
        .getMessage().contains("'toy-a'"));
  }

  @Test
  void theEngineLabelsEveryScoreAndTheFingerprintOfAPlumbingProvider() throws Exception {
    ToyScorer toy = new ToyScorer("toy-check/1");
    run(as(toy, ScorerDescription.of("toy-plumbing", "toy", ScorerDescription.Kind.PLUMBING,
        "plumbing check: the scene reader on the reference drawings (not a model)")), Map.of());
    List<String> lines = Files.readAllLines(tmp.resolve("r/scores.jsonl"));
    assertFalse(lines.isEmpty());
    for (String line : lines) {
      JsonNode detail = Json.mapper().readTree(line).path("detail");
      assertTrue(detail.path("plumbing").asBoolean(), line);
      assertEquals("plumbing check: the scene reader on the reference drawings (not a model)",
          detail.path("plumbing_note").asText(), line);
    }
    assertEquals("toy-check/1 plumbing", manifest().path("fingerprint").path("benchmarks").path("toy")
        .path("scorer").path("fingerprint").asText());
  }

  @Test
  void aModelProvidersFingerprintAndScoresAreItsOwn() throws Exception {
    run(as(new ToyScorer("toy-model/1"), ScorerDescription.of("toy-model", "toy", ScorerDescription.Kind.MODEL,
        "a model")), Map.of("toy", "toy-model"));
    assertEquals("toy-model/1", manifest().path("fingerprint").path("benchmarks").path("toy").path("scorer")
        .path("fingerprint").asText());
    for (String line : Files.readAllLines(tmp.resolve("r/scores.jsonl"))) {
      assertFalse(Json.mapper().readTree(line).path("detail").has("plumbing"), line);
    }
  }

  @Test
  void aPlumbingFingerprintStoredWithItsIdStaysAsItWas() throws Exception {
    Scorer inner = new ToyScorer("geneval-plumbing|rules{x}").open(null);
    assertEquals("geneval-plumbing|rules{x}", new PlumbingLabel(inner, "geneval-plumbing", "n").fingerprint());
    assertEquals("judge/1 plumbing", new PlumbingLabel(new ToyScorer("judge/1").open(null), "x-plumbing", "n")
        .fingerprint());
  }

  @Test
  void deviceAndConcurrencyAreSharedOptionsDeclaredOnceWithOneCaseRule() {
    ScorerProvider p = as(new ToyScorer("t"), ScorerDescription.of("toy-model", "toy", ScorerDescription.Kind.MODEL,
        "m").concurrency(3));
    OptionCheck.ScorerOptions none = OptionCheck.scorers(List.of(p), Map.of());
    ScorerContext c = none.context(p, tmp, tmp, Optional.empty(), null);
    assertEquals(3, c.concurrency(), "the provider's declared default");
    assertEquals(org.irgeval.api.ComputeDevice.CPU, c.device());
    OptionCheck.ScorerOptions given = OptionCheck.scorers(List.of(p), Map.of("device", "gpu", "concurrency", "2"));
    ScorerContext g = given.context(p, tmp, tmp, Optional.empty(), null);
    assertEquals(2, g.concurrency());
    assertEquals(org.irgeval.api.ComputeDevice.GPU, g.device());
    assertTrue(g.options().isEmpty(), "shared keys are not the provider's");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.scorers(List.of(p), Map.of("device", "GPU"))).getMessage().contains("'GPU' is not one of cpu|gpu"));
  }

  @Test
  void typedDefaultsAreReadAndPrinted() {
    OptionSpec attempts = OptionSpec.of("judge_attempts", OptionSpec.Type.POSITIVE_INT, "judge calls").withDefault(4);
    assertEquals(4, attempts.intValue(Map.of()));
    assertEquals(7, attempts.intValue(Map.of("judge_attempts", " 7")));
    assertEquals("judge calls (default 4)", attempts.help());
    assertEquals("x (default a)", OptionSpec.choice("k", "x", "a", "b").help());
    assertEquals(Optional.empty(), OptionSpec.of("f", OptionSpec.Type.TEXT, "file").given(Map.of()));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionSpec.of("n", OptionSpec.Type.POSITIVE_INT, "n").withDefault(0)).getMessage().contains("default"));
  }
}
