package org.irgeval.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.store.RunStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durability cost per item on this disk: one fsynced score line, and one trajectory (two 1 MB PNGs written
 * atomically with file and directory fsyncs, then one fsynced journal line). This is the harness's share of
 * every generation and judge call.
 *
 * <p>{@code java -jar perf/target/benchmarks.jar StoreBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreBenchmark {
  private Path dir;
  private RunStore store;
  private final AtomicLong n = new AtomicLong();
  private Generation generation;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("irgeval-store-bench");
    store = RunStore.open(dir);
    byte[] png = new byte[1 << 20]; // a 1024x1024 PNG is about this size
    new Random(1).nextBytes(png);
    GeneratedTurn t = new GeneratedTurn("<think>...</think>", png, Map.of("text", 2100L, "image", 27700L),
        Map.of("text", 512));
    generation = new Generation(List.of(t, t), Map.of("name", "bench"), "e", false);
  }

  @Benchmark
  public void appendScoreLine() throws IOException {
    long i = n.incrementAndGet();
    store.putScore(new ScoreRecord(new ScoreKey("b", Long.toString(i), 0, "reflection", "s"),
        Map.of("correct", 1.0), null, "Consistency: 2\nRealism: 1\nAesthetic Quality: 1", null, 3));
  }

  @Benchmark
  public void storeTrajectory() throws IOException {
    long i = n.incrementAndGet();
    Prompt p = new Prompt(Long.toString(i), (int) i, "p", "c", null);
    store.putTrajectory(new GenerationRequest(GenerationRequest.idOf("b", p.id(), 0), "b", p, 0, i, 2), generation, 1);
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
