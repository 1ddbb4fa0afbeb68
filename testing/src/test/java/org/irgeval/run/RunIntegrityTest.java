package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.RunStopException;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.irgeval.testkit.WrappedReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store and the executor refuse to keep: damaged images, truncated PNGs; and when a run stops early. */
class RunIntegrityTest {
  @TempDir
  Path tmp;

  private final StringWriter errText = new StringWriter();

  private RunResult run(ScorerProvider scorer, PipelineProvider pipeline, RunConfig.Mode mode) throws Exception {
    Registry reg = new Registry(List.of(new ToyBenchmark(6, 2)), List.of(pipeline), List.of(scorer));
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of(), tmp, null, reg::benchmark);
    RunConfig cfg = RunConfig.at(tmp.resolve("r")).data(tmp).benchmarks(List.of("toy")).pipeline(pipeline.id(), pc)
        .mode(mode).argv(List.of("test")).build();
    return new RunEngine(reg, (s, d) -> {
      throw new AssertionError("no judge");
    }, new PrintWriter(errText, true)).run(cfg);
  }

  private static long lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void aMissingImageIsGeneratedAgainAndADamagedOneWhenScoringReadsIt() throws Exception {
    ToyScorer scorer = new ToyScorer("v1");
    ReferencePipelineProvider ref = new ReferencePipelineProvider();
    RunResult gen = run(scorer, ref, RunConfig.Mode.GENERATE_ONLY);
    assertEquals(12, gen.generated());
    Path images = tmp.resolve("r/images/toy");
    Path damaged = images.resolve("001/0-2.png");
    Path deleted = images.resolve("002/1-1.png");
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(damaged, bytes);
    Files.delete(deleted);

    RunResult scored = run(scorer, ref, RunConfig.Mode.GENERATE_AND_SCORE);
    assertTrue(scored.repairs().stream().anyMatch(r -> r.startsWith("image missing: ") && r.contains("1-1.png")),
        scored.repairs().toString());
    // checked at open, scored or not: the damaged image is set aside and generated again in this same run
    assertTrue(scored.repairs().stream().anyMatch(r -> r.startsWith("image damaged since it was stored")
        && r.contains("001")), scored.repairs().toString());
    assertEquals(2, scored.generated(), "the trajectories with the deleted and the damaged image, generated again");
    assertTrue(Files.exists(damaged.resolveSibling("0-2.png.bad")), "the damaged file is set aside");
    assertTrue(!scored.incomplete(), "everything scored now");
    JsonNode v = scored.summaryJson().path("benchmarks").path("toy").path("variants").path("reflection");
    assertEquals(12, v.path("n_images").asInt());
    assertEquals(12 + 2, lines(tmp.resolve("r/trajectories.jsonl")), "12 + the two generated again");

    // damaged after it was scored: the next open sets it aside, voids its scores, generates and scores it again
    Path later = images.resolve("003/0-1.png");
    byte[] b2 = Files.readAllBytes(later);
    b2[b2.length / 2] ^= 0x55;
    Files.write(later, b2);
    RunResult healed = run(scorer, ref, RunConfig.Mode.GENERATE_AND_SCORE);
    assertEquals(1, healed.generated(), "the trajectory damaged after scoring, generated again");
    assertTrue(!healed.incomplete(), "everything scored now");
  }

  /** A pipeline whose PNGs are truncated after the header. */
  private static PipelineProvider truncating() {
    return new WrappedReference("truncating", 1, (r, inner) -> {
      Generation g = inner.generate(r);
      GeneratedTurn t = g.turns().get(0);
      GeneratedTurn cut = new GeneratedTurn(t.text(), Arrays.copyOf(t.png(), 60), t.timingsMs(), t.tokens());
      return new Generation(List.of(cut, g.turns().get(1)), g.model(), g.endpoint(), g.plumbing());
    });
  }


  @Test
  void aTruncatedPngIsACountedGenerationFailureNeverStored() throws Exception {
    RunResult r = run(new ToyScorer("v1"), truncating(), RunConfig.Mode.GENERATE_AND_SCORE);
    assertEquals(0, r.generated());
    assertEquals(12, r.generationFailures().size());
    assertTrue(r.generationFailures().get(0).contains("turn 1: a PNG that does not decode")
        || r.generationFailures().get(0).contains("turn 1: not a PNG"), r.generationFailures().get(0));
    assertEquals(0, lines(tmp.resolve("r/trajectories.jsonl")));
  }

  @Test
  void aScorerThatStopsTheRunStoresNothingAndARerunAsksAgain() throws Exception {
    ToyScorer expired = new ToyScorer("v1", new RunStopException("judge refused the key (HTTP 401)", null));
    RunResult stopped = run(expired, new ReferencePipelineProvider(), RunConfig.Mode.GENERATE_AND_SCORE);
    assertNotNull(stopped.stopped());
    assertTrue(stopped.stopped().contains("HTTP 401"));
    assertEquals(0, lines(tmp.resolve("r/scores.jsonl")), "nothing stored for the interrupted scorings");
    assertTrue(expired.calls.get() < 24, "no further image is sent once stopped: " + expired.calls.get());
    ToyScorer good = new ToyScorer("v1");
    RunResult resumed = run(good, new ReferencePipelineProvider(), RunConfig.Mode.GENERATE_AND_SCORE);
    assertEquals(24, good.calls.get(), "a rerun with a good key asks again for every image");
    assertTrue(resumed.stopped() == null && !resumed.incomplete());
  }
}
