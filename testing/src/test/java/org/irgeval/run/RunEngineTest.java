package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.store.RunStore;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.irgeval.testkit.WrappedReference;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEngineTest {
  @TempDir
  Path tmp;

  private final StringWriter errText = new StringWriter();
  private final PrintWriter err = new PrintWriter(errText, true);

  private RunConfig config(String pipeline, int limit, RunConfig.Mode mode, int turns) {
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, turns, Map.of("mistake-rate", "0.5"), tmp, null,
        id -> Optional.empty());
    return RunConfig.at(tmp.resolve("r")).data(tmp).benchmarks(List.of("toy")).pipeline(pipeline, pc).limit(limit)
        .mode(mode).argv(List.of("test")).build();
  }

  private RunEngine engine(ToyScorer scorer, PipelineProvider... pipelines) {
    return new RunEngine(new Registry(List.of(new ToyBenchmark(6, 2)), List.of(pipelines), List.of(scorer)),
        (s, d) -> {
          throw new AssertionError("no judge in these tests");
        }, err);
  }

  private static long lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void runsEverythingOnceAndASecondRunDoesNothing() throws Exception {
    ToyScorer scorer = new ToyScorer("v1");
    RunResult r1 = engine(scorer, new ReferencePipelineProvider()).run(config("reference", -1, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    assertEquals(12, r1.generated(), "6 prompts x 2 samples");
    assertEquals(24, r1.scored(), "x 2 variants");
    assertEquals(24, scorer.calls.get());
    JsonNode toy = r1.summaryJson().path("benchmarks").path("toy");
    assertEquals("scored", toy.path("status").asText());
    JsonNode nr = toy.path("variants").path("no-reflection");
    assertEquals(6, nr.path("n_prompts").asInt());
    assertEquals(12, nr.path("n_images").asInt());
    // overall = unweighted mean of the two category means, recomputed here from scores.jsonl
    double[][] sums = new double[2][2];
    for (String line : Files.readAllLines(tmp.resolve("r/scores.jsonl"))) {
      JsonNode n = Json.mapper().readTree(line);
      if (n.path("variant").asText().equals("no-reflection")) {
        int cat = Integer.parseInt(n.path("prompt_id").asText()) % 2;
        sums[cat][0] += n.path("values").path("correct").asDouble();
        sums[cat][1]++;
      }
    }
    assertEquals((sums[0][0] / sums[0][1] + sums[1][0] / sums[1][1]) / 2, nr.path("overall").asDouble(), 1e-12);
    assertTrue(nr.path("ci95").isArray());
    assertTrue(toy.path("variants").has("reflection"));
    assertTrue(r1.summaryJson().path("plumbing").asBoolean(), "reference pipeline runs are plumbing checks");

    long t = lines(tmp.resolve("r/trajectories.jsonl"));
    long s = lines(tmp.resolve("r/scores.jsonl"));
    RunResult r2 = engine(scorer, new ReferencePipelineProvider()).run(config("reference", -1, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    assertEquals(0, r2.generated());
    assertEquals(0, r2.scored());
    assertEquals(24, scorer.calls.get(), "no scorer call on the second run");
    assertEquals(t, lines(tmp.resolve("r/trajectories.jsonl")));
    assertEquals(s, lines(tmp.resolve("r/scores.jsonl")));
    assertEquals(nr, r2.summaryJson().path("benchmarks").path("toy").path("variants").path("no-reflection"));
    assertEquals(2, Json.mapper().readTree(tmp.resolve("r/manifest.json").toFile()).path("sessions").size());
  }

  @Test
  void aChangedConfigurationIsRefused() throws Exception {
    engine(new ToyScorer("v1"), new ReferencePipelineProvider()).run(config("reference", 2, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    RunConflictException e = assertThrows(RunConflictException.class, () ->
        engine(new ToyScorer("v2"), new ReferencePipelineProvider()).run(config("reference", 2, RunConfig.Mode.GENERATE_AND_SCORE, 2)));
    assertTrue(e.getMessage().contains("benchmarks.toy.scorer.fingerprint: was \"v1\", now \"v2\""), e.getMessage());
    RunConflictException turns = assertThrows(RunConflictException.class, () ->
        engine(new ToyScorer("v1"), new ReferencePipelineProvider()).run(config("reference", 2, RunConfig.Mode.GENERATE_AND_SCORE, 3)));
    assertTrue(turns.getMessage().contains("turns: was 2, now 3"), turns.getMessage());
  }

  @Test
  void aLargerLimitDoesOnlyTheNewPrompts() throws Exception {
    ToyScorer scorer = new ToyScorer("v1");
    assertEquals(4, engine(scorer, new ReferencePipelineProvider()).run(config("reference", 2, RunConfig.Mode.GENERATE_AND_SCORE, 2)).generated());
    RunResult r = engine(scorer, new ReferencePipelineProvider()).run(config("reference", 5, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    assertEquals(6, r.generated());
    assertEquals(12, r.scored());
  }

  @Test
  void generateOnlyThenScoreWithoutAnyPipeline() throws Exception {
    ToyScorer scorer = new ToyScorer("v1");
    RunResult g = engine(scorer, new ReferencePipelineProvider()).run(config("reference", -1, RunConfig.Mode.GENERATE_ONLY, 2));
    assertEquals(12, g.generated());
    assertEquals(0, lines(tmp.resolve("r/scores.jsonl")));
    assertEquals("not scored", g.summaryJson().path("benchmarks").path("toy").path("status").asText());
    // No pipeline registered at all: scoring must not need one.
    RunResult s = engine(scorer).run(config("reference", -1, RunConfig.Mode.SCORE_ONLY, 2));
    assertEquals(0, s.generated());
    assertEquals(24, s.scored());
    assertNotNull(s.summaryJson().path("benchmarks").path("toy").path("variants").path("reflection").get("overall"));
  }

  @Test
  void failedGenerationsAreCountedAndRetriedByTheNextRun() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Map<String, Integer> failedOnce = new HashMap<>();
    PipelineProvider flaky = new WrappedReference("flaky", 3, (request, ref) -> {
      calls.incrementAndGet();
      synchronized (failedOnce) {
        // fails the first attempt of every third request
        if (request.prompt().index() % 3 == 0 && failedOnce.merge(request.id(), 1, Integer::sum) == 1) {
          throw new java.io.IOException("simulated GPU out of memory");
        }
      }
      return ref.generate(request);
    });
    RunResult first = engine(new ToyScorer("v1"), flaky).run(config("flaky", -1, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    assertEquals(4, first.generationFailures().size(), "prompts 0 and 3, 2 samples each");
    assertEquals(8, first.generated());
    assertTrue(errText.toString().contains("simulated GPU out of memory"));
    RunResult second = engine(new ToyScorer("v1"), flaky).run(config("flaky", -1, RunConfig.Mode.GENERATE_AND_SCORE, 2));
    assertEquals(4, second.generated());
    assertEquals(0, second.generationFailures().size());
    assertEquals(12, lines(tmp.resolve("r").resolve(RunStore.TRAJECTORIES)));
    assertEquals(16, calls.get());
  }

  @Test
  void moreTurnsGiveMoreVariantsAndAnEffectForEach() throws Exception {
    RunResult r = engine(new ToyScorer("v1"), new ReferencePipelineProvider())
        .run(config("reference", 4, RunConfig.Mode.GENERATE_AND_SCORE, 4));
    JsonNode toy = r.summaryJson().path("benchmarks").path("toy");
    assertEquals(List.of("no-reflection", "reflection", "turn-3", "turn-4"), fieldNames(toy.path("variants")));
    assertEquals(List.of("reflection", "turn-3", "turn-4"), fieldNames(toy.path("effects")));
    assertEquals(8 * 4, r.scored(), "4 prompts x 2 samples x 4 turns");
    assertTrue(Files.exists(tmp.resolve("r/images/toy/000/1-4.png")));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
