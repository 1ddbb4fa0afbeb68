package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.PipelineConfig;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.store.RunLock;
import org.irgeval.store.RunStore;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** irg-eval run --shard i/N, then merge: refusals, and a sharded-then-merged run equals the unsharded one. */
class RunMergerTest {
  @TempDir
  Path tmp;

  private final PrintWriter err = new PrintWriter(new StringWriter(), true);

  private RunConfig config(String name, Shard shard, RunConfig.Mode mode, long seed) {
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of("mistake-rate", "0.5"), tmp, null,
        id -> Optional.empty());
    return RunConfig.at(tmp.resolve(name)).data(tmp).benchmarks(List.of("toy")).pipeline("reference", pc).seed(seed)
        .mode(mode).argv(List.of("test")).shard(shard).build();
  }

  private RunEngine engine(int prompts) {
    return new RunEngine(new Registry(List.of(new ToyBenchmark(prompts, 2)), List.of(new ReferencePipelineProvider()),
        List.of(new ToyScorer("v1"))), (s, d) -> {
          throw new AssertionError("no judge");
        }, err);
  }

  private List<Path> shards(int n, int prompts, long seed) throws Exception {
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RunResult r = engine(prompts).run(config("s" + i + "of" + n + "-" + seed, new Shard(i, n),
          RunConfig.Mode.GENERATE_AND_SCORE, seed));
      dirs.add(r.runDir());
    }
    return dirs;
  }

  private static JsonNode results(JsonNode summary) {
    ObjectNode b = ((ObjectNode) summary.path("benchmarks").path("toy")).deepCopy();
    b.remove("generation"); // wall-clock timings
    return b;
  }

  @Test
  void shardedThenMergedEqualsUnsharded() throws Exception {
    RunResult whole = engine(9).run(config("whole", null, RunConfig.Mode.GENERATE_AND_SCORE, 42));
    List<Path> parts = shards(3, 9, 42);
    int sum = 0;
    for (Path p : parts) {
      sum += Files.readAllLines(p.resolve(RunStore.TRAJECTORIES)).size();
      JsonNode m = Json.mapper().readTree(p.resolve(RunStore.MANIFEST).toFile());
      assertTrue(m.path("fingerprint").path("shard").asText().endsWith("/3"), m.toString());
    }
    assertEquals(18, sum, "the shards together hold each of the 9 x 2 trajectories once");

    RunMerger.Result r = new RunMerger().merge(parts, tmp.resolve("merged"), false);
    assertEquals(18, r.trajectories());
    assertEquals(36, r.scores());
    assertEquals(36, r.imagesLinked() + r.imagesCopied());
    // the merged run resumes as the unsharded run: score-only makes its summary; nothing left to do
    RunResult merged = engine(9).run(config("merged", null, RunConfig.Mode.SCORE_ONLY, 42));
    assertEquals(0, merged.scored());
    assertEquals(results(whole.summaryJson()), results(merged.summaryJson()));
    RunResult resumed = engine(9).run(config("merged", null, RunConfig.Mode.GENERATE_AND_SCORE, 42));
    assertEquals(0, resumed.generated(), "an unsharded run with the same settings finds nothing to do");
    // same images, byte for byte, and the same exports
    for (String line : Files.readAllLines(tmp.resolve("whole").resolve(RunStore.TRAJECTORIES))) {
      JsonNode t = Json.mapper().readTree(line);
      for (JsonNode turn : t.path("turns")) {
        String rel = turn.path("image").asText();
        assertTrue(Arrays.equals(Files.readAllBytes(tmp.resolve("whole").resolve(rel)),
            Files.readAllBytes(tmp.resolve("merged").resolve(rel))), rel);
      }
    }
    JsonNode mm = Json.mapper().readTree(tmp.resolve("merged").resolve(RunStore.MANIFEST).toFile());
    assertFalse(mm.path("fingerprint").has("shard"));
    assertEquals(3, mm.path("merged_from").size());
    assertTrue(Files.isRegularFile(tmp.resolve("merged/prompts/toy.json")));
  }

  @Test
  void aShardStillBeingWrittenIsRefusedAndNoTemporaryFolderIsLeft() throws Exception {
    List<Path> parts = shards(2, 6, 42);
    // a run still working on shard 0 holds its exclusive lock: the merge must not read a half-written shard
    try (RunLock held = RunLock.acquire(parts.get(0))) {
      var e = assertThrows(RunLock.RunLockedException.class,
          () -> new RunMerger().merge(parts, tmp.resolve("m"), false));
      assertTrue(e.getMessage().contains(parts.get(0).toString()) && e.getMessage().contains("in use"), e.getMessage());
    }
    // a killed merge's temporary folder is removed by the next merge into the same place
    Path stale = Files.createDirectories(tmp.resolve(".m.merging-" + Long.MAX_VALUE));
    Files.writeString(stale.resolve("scores.jsonl"), "{}\n");
    // a merge that fails half-way (an image gone) removes its own temporary folder
    Path img;
    try (var w = Files.walk(parts.get(1).resolve("images"))) {
      img = w.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] keep = Files.readAllBytes(img);
    Files.delete(img);
    assertThrows(RunMerger.MergeException.class, () -> new RunMerger().merge(parts, tmp.resolve("m"), false));
    assertFalse(Files.exists(stale), "the stale temporary folder was cleaned");
    try (var l = Files.list(tmp)) {
      assertEquals(List.of(), l.filter(p -> p.getFileName().toString().contains(".merging-")).toList());
    }
    Files.write(img, keep);
    new RunMerger().merge(parts, tmp.resolve("m"), false);
    assertTrue(Files.isRegularFile(tmp.resolve("m").resolve(RunStore.TRAJECTORIES)));
  }

  @Test
  void refusesMissingAndDoubledPromptsListingThem() throws Exception {
    List<Path> parts = shards(3, 7, 42);
    RunMerger.MergeException missing = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(parts.get(0), parts.get(2)), tmp.resolve("m1"), false));
    assertTrue(missing.getMessage().contains("shards not given: [1/3]"), missing.getMessage());
    assertTrue(missing.getMessage().contains("missing ("), missing.getMessage());
    assertTrue(missing.getMessage().matches("(?s).*toy/\\d{3}.*"), "lists the prompts: " + missing.getMessage());
    assertFalse(Files.exists(tmp.resolve("m1")));

    RunMerger.MergeException doubled = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(parts.get(0), parts.get(1), parts.get(2), parts.get(1)),
            tmp.resolve("m2"), false));
    assertTrue(doubled.getMessage().contains("doubled ("), doubled.getMessage());
    assertTrue(doubled.getMessage().contains("given twice"), doubled.getMessage());

    // shards of two different splits overlap
    List<Path> halves = shards(2, 7, 42);
    RunMerger.MergeException mixed = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(parts.get(0), parts.get(1), parts.get(2), halves.get(0)),
            tmp.resolve("m3"), false));
    assertTrue(mixed.getMessage().contains("doubled"), mixed.getMessage());
  }

  @Test
  void refusesMismatchedConfigurations() throws Exception {
    List<Path> a = shards(2, 6, 42);
    List<Path> b = shards(2, 6, 43); // another run seed
    RunMerger.MergeException e = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(a.get(0), b.get(1)), tmp.resolve("m"), false));
    assertTrue(e.getMessage().contains("different configurations"), e.getMessage());
    assertTrue(e.getMessage().contains("seed: 42 vs 43"), e.getMessage());

    // another prompt set (a larger --limit / another file) is refused too
    RunResult other = engine(8).run(config("other", new Shard(1, 2), RunConfig.Mode.GENERATE_AND_SCORE, 42));
    RunMerger.MergeException p = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(a.get(0), other.runDir()), tmp.resolve("m"), false));
    assertTrue(p.getMessage().contains("planned different prompts"), p.getMessage());

    // not a shard
    RunResult whole = engine(6).run(config("whole", null, RunConfig.Mode.GENERATE_AND_SCORE, 42));
    assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(List.of(whole.runDir()), tmp.resolve("m"), false));
  }

  @Test
  void aShardDirectoryNeverResumesAsAnotherShardOrTheWholeRun() throws Exception {
    engine(6).run(config("s", new Shard(0, 2), RunConfig.Mode.GENERATE_AND_SCORE, 42));
    RunConflictException e = assertThrows(RunConflictException.class,
        () -> engine(6).run(config("s", new Shard(1, 2), RunConfig.Mode.GENERATE_AND_SCORE, 42)));
    assertTrue(e.getMessage().contains("shard: was 0/2, now 1/2"), e.getMessage());
    assertThrows(RunConflictException.class,
        () -> engine(6).run(config("s", null, RunConfig.Mode.GENERATE_AND_SCORE, 42)));
    RunResult again = engine(6).run(config("s", new Shard(0, 2), RunConfig.Mode.GENERATE_AND_SCORE, 42));
    assertEquals(0, again.generated());
  }

  @Test
  void refusesMissingTrajectoriesUnlessAllowed() throws Exception {
    List<Path> parts = shards(2, 6, 42);
    Path t = parts.get(1).resolve(RunStore.TRAJECTORIES);
    List<String> lines = new ArrayList<>(Files.readAllLines(t));
    String dropped = Json.mapper().readTree(lines.remove(0)).path("id").asText();
    Files.write(t, lines);
    RunMerger.MergeException e = assertThrows(RunMerger.MergeException.class,
        () -> new RunMerger().merge(parts, tmp.resolve("m"), false));
    assertTrue(e.getMessage().contains(dropped), e.getMessage());
    RunMerger.Result r = new RunMerger().merge(parts, tmp.resolve("m"), true);
    assertEquals(List.of(dropped), r.missingTrajectories().stream().map(s -> s.split(" ")[0]).toList());
    // an unsharded run on the merged directory makes just the missing one
    RunResult fill = engine(6).run(config("m", null, RunConfig.Mode.GENERATE_AND_SCORE, 42));
    assertEquals(1, fill.generated());
  }
}
