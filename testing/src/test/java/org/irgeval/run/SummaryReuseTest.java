package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.PipelineConfig;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.store.RunStore;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rerun with unchanged journals and configuration reuses the stored summary's results instead of recomputing. */
class SummaryReuseTest {
  @TempDir
  Path tmp;

  private RunResult run(RunConfig.Mode mode) throws Exception {
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of("mistake-rate", "0.5"), tmp, null,
        id -> Optional.empty());
    RunConfig cfg = RunConfig.at(tmp.resolve("r")).data(tmp).benchmarks(List.of("toy")).pipeline("reference", pc)
        .mode(mode).argv(List.of("test")).build();
    return new RunEngine(new Registry(List.of(new ToyBenchmark(8, 2)), List.of(new ReferencePipelineProvider()),
        List.of(new ToyScorer("v1"))), (s, d) -> null, new PrintWriter(new StringWriter())).run(cfg);
  }

  @Test
  void unchangedInputsReuseTheStoredResultsAndChangedOnesRecompute() throws Exception {
    RunResult first = run(RunConfig.Mode.GENERATE_AND_SCORE);
    assertFalse(first.summaryJson().path("summary_computation").path("reused").asBoolean());
    RunResult second = run(RunConfig.Mode.GENERATE_AND_SCORE);
    assertTrue(second.summaryJson().path("summary_computation").path("reused").asBoolean());
    JsonNode a = first.summaryJson().path("benchmarks").path("toy");
    JsonNode b = second.summaryJson().path("benchmarks").path("toy");
    assertEquals(a.path("variants"), b.path("variants"));
    assertEquals(a.path("effects"), b.path("effects"));
    assertEquals(first.summaryJson().path("inputs_sha256"), second.summaryJson().path("inputs_sha256"));

    // a changed journal: one score line dropped -> rescored and recomputed, same numbers again
    Path scores = tmp.resolve("r").resolve(RunStore.SCORES);
    byte[] before = Files.readAllBytes(scores);
    List<String> lines = new ArrayList<>(Files.readAllLines(scores));
    lines.remove(lines.size() - 1);
    Files.write(scores, lines);
    RunResult third = run(RunConfig.Mode.SCORE_ONLY);
    assertEquals(1, third.scored());
    // The rescored line is appended again; it equals the dropped one byte for byte unless its timing differs. Only
    // then did the inputs change: the stored results are reused exactly when the journals are the same bytes.
    boolean same = java.util.Arrays.equals(before, Files.readAllBytes(scores));
    assertEquals(same, third.summaryJson().path("summary_computation").path("reused").asBoolean());
    assertEquals(a.path("variants"), third.summaryJson().path("benchmarks").path("toy").path("variants"));

    // a journal that certainly changed (a score edited in place): recomputed, never the stored results
    String text = Files.readString(scores);
    String edited = text.contains("\"correct\":1.0") ? text.replaceFirst("\"correct\":1\\.0", "\"correct\":0.0")
        : text.replaceFirst("\"correct\":0\\.0", "\"correct\":1.0");
    Files.writeString(scores, edited);
    RunResult fourth = run(RunConfig.Mode.SCORE_ONLY);
    assertFalse(fourth.summaryJson().path("summary_computation").path("reused").asBoolean());
    assertTrue(!a.path("variants").equals(fourth.summaryJson().path("benchmarks").path("toy").path("variants")),
        "the edited score changes the numbers");
  }
}
