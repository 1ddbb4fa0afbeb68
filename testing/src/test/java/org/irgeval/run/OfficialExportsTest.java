package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.Prompt;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.irgeval.testkit.WrappedReference;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Official-layout exports follow the run (no serial tail), a prompt's samples go together, failures cost nothing. */
class OfficialExportsTest {
  @TempDir
  Path tmp;

  private final StringWriter errText = new StringWriter();

  /** {@code <root>/<prompt>/<sample>.png} by the placer (hard links); records each {@link #placeSamples} call. */
  static final class RecordingLayout implements ImageLayout {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile String failFor;

    @Override
    public Optional<Path> find(Path root, Prompt prompt, int sample) {
      Path p = path(root, prompt, sample);
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
      AtomicFiles.write(path(root, prompt, sample), png);
    }

    @Override
    public void place(Path root, Prompt prompt, int sample, Path png, FilePlacer placer) throws IOException {
      placer.place(png, path(root, prompt, sample));
    }

    @Override
    public void placeSamples(Path root, Prompt prompt, Map<Integer, Path> pngs, FilePlacer placer)
        throws IOException {
      if (prompt.id().equals(failFor)) {
        throw new IOException("disk full (test)");
      }
      calls.add(root.getFileName() + " " + prompt.id() + " " + pngs.keySet());
      ImageLayout.super.placeSamples(root, prompt, pngs, placer);
    }

    private static Path path(Path root, Prompt prompt, int sample) {
      return root.resolve(prompt.id()).resolve(sample + ".png");
    }
  }

  /** The reference pipeline, one generation at a time; the last one waits until prompt 000's exports exist. */
  private static PipelineProvider waitingForFirstExport(Path run, AtomicBoolean seenBeforeLast) {
    return new WrappedReference("reference", 1, (r, inner) -> {
      if (r.id().equals(GenerationRequest.idOf("toy", "005", 1))) {
        Path exported = run.resolve("exports/toy/reflection/000/1.png");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.isRegularFile(exported) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        seenBeforeLast.set(Files.isRegularFile(exported));
      }
      return inner.generate(r);
    });
  }


  private RunResult run(RecordingLayout layout, PipelineProvider pipeline) throws Exception {
    Path run = tmp.resolve("r");
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of(), tmp, null, id -> Optional.empty());
    RunConfig cfg = RunConfig.at(run).name("r").data(tmp).benchmarks(List.of("toy")).pipeline("reference", pc)
        .argv(List.of("test")).build();
    Registry registry = new Registry(List.of(new ToyBenchmark(6, 2).withLayout(layout)), List.of(pipeline),
        List.of(new ToyScorer("v1")));
    return new RunEngine(registry, (s, d) -> null, new PrintWriter(errText, true)).run(cfg);
  }

  @Test
  void imagesAreExportedWhileTheRunGeneratesAPromptsSamplesTogetherAsHardLinks() throws Exception {
    RecordingLayout layout = new RecordingLayout();
    AtomicBoolean seenBeforeLast = new AtomicBoolean();
    Path run = tmp.resolve("r");
    RunResult r = run(layout, waitingForFirstExport(run, seenBeforeLast));
    assertEquals(12, r.generated());
    assertTrue(seenBeforeLast.get(), "prompt 000 was exported before the last generation returned");
    // 6 prompts x 2 variants, each call with both samples of the prompt
    assertEquals(12, layout.calls.size(), layout.calls.toString());
    assertTrue(layout.calls.stream().allMatch(c -> c.endsWith(" [0, 1]")), layout.calls.toString());
    try (RunStore store = RunStore.open(run)) {
      for (var t : store.trajectories()) {
        for (var turn : t.turns()) {
          assertTrue(Files.isSameFile(run.resolve(turn.image()),
              run.resolve("exports/toy/" + turn.variant() + "/" + t.promptId() + "/" + t.sample() + ".png")));
        }
      }
    }
    JsonNode exports = Json.mapper().readTree(run.resolve("manifest.json").toFile()).path("exports");
    assertEquals(24, exports.path("images").asInt());
    assertEquals(24, exports.path("hard_linked_this_session").asInt());
    assertEquals(24, Files.readAllLines(run.resolve("exports/" + OfficialExports.INDEX)).size());

    layout.calls.clear();
    RunResult again = run(layout, waitingForFirstExport(run, new AtomicBoolean()));
    assertEquals(0, again.generated());
    assertEquals(List.of(), layout.calls, "nothing exported twice");
  }

  @Test
  void aFailedExportIsReportedKeepsTheSummaryAndIsRetriedByTheNextRun() throws Exception {
    RecordingLayout layout = new RecordingLayout();
    layout.failFor = "003";
    Path run = tmp.resolve("r");
    RunResult r = run(layout, new ReferencePipelineProvider());
    assertEquals(12, r.generated());
    assertTrue(Files.isRegularFile(run.resolve("summary.json")), "the summary is written all the same");
    JsonNode exports = Json.mapper().readTree(run.resolve("manifest.json").toFile()).path("exports");
    assertTrue(exports.path("failed_this_session").asInt() >= 1, exports.toString());
    assertTrue(exports.path("errors").path(0).asText().contains("prompt 003: disk full (test)"), exports.toString());
    assertTrue(errText.toString().contains("will be retried by the next run"), errText.toString());
    assertFalse(Files.exists(run.resolve("exports/toy/reflection/003")));

    layout.failFor = null;
    layout.calls.clear();
    run(layout, new ReferencePipelineProvider());
    assertEquals(List.of("no-reflection 003 [0, 1]", "reflection 003 [0, 1]"), layout.calls.stream().sorted().toList());
    assertTrue(Files.isRegularFile(run.resolve("exports/toy/reflection/003/1.png")));
  }

  @Test
  void aStaleExportIsReplacedAndTheSameFileIsLeftAlone() throws Exception {
    Path src = tmp.resolve("src.png");
    Files.write(src, new byte[] {1, 2, 3});
    Path same = tmp.resolve("out/same.png");
    Path stale = tmp.resolve("out/stale.png");
    FileLinks links = new FileLinks();
    links.place(tmp, src, same);
    Files.createDirectories(stale.getParent());
    Files.write(stale, new byte[] {9, 9});
    links.place(tmp, src, same);
    links.place(tmp, src, stale);
    assertTrue(Files.isSameFile(src, same));
    assertTrue(Files.isSameFile(src, stale), "the stale target now links the new image");
    assertEquals(2, links.linked());
    assertEquals(0, links.copied());
  }
}
