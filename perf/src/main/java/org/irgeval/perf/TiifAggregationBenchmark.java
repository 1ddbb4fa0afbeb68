package org.irgeval.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.benchmarks.tiif.TiifBenchmark;
import org.irgeval.benchmarks.tiif.TiifGroups;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.util.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TIIF's official aggregation at full size (2538 prompt lines x short and long = 5076 images, 39 types, about five
 * questions an image) once, and inside the 1000-replicate stratified bootstrap that every summary computes.
 *
 * <p>{@code java -jar perf/target/benchmarks.jar TiifAggregationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TiifAggregationBenchmark {
  private final TiifBenchmark tiif = new TiifBenchmark();
  private PromptSet prompts;
  private List<ScoredSample> samples;

  @Setup
  public void setUp() {
    List<String> types = TiifGroups.types();
    List<Prompt> ps = new ArrayList<>();
    Map<String, Integer> cats = new LinkedHashMap<>();
    for (int line = 0; line < 2538; line++) {
      String type = types.get(line % types.size());
      for (String length : List.of("short", "long")) {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("type", type);
        meta.put("length", length);
        meta.put("line_idx", line);
        String cat = length + "/" + TiifGroups.groupOf(type).orElseThrow();
        ps.add(new Prompt(type + "/" + length + "/" + line, ps.size(), "p", cat, meta));
        cats.merge(cat, 1, Integer::sum);
      }
    }
    prompts = new PromptSet("tiif", "full", ps, List.of(), cats);
    Random rnd = new Random(3);
    samples = new ArrayList<>();
    for (Prompt p : ps) {
      int total = 2 + rnd.nextInt(8);
      samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("tiif", p.id(), 0, "reflection", "x"),
          Map.of("correct", (double) rnd.nextInt(total + 1), "total", (double) total), null, null, null, 0)));
    }
  }

  @Benchmark
  public VariantSummary officialAggregation() {
    return tiif.aggregate(prompts, samples);
  }

  @Benchmark
  public double[] bootstrapCi() {
    return new StratifiedBootstrap(1000, 20250906L).ci95(samples, l -> tiif.aggregate(prompts, l).overall());
  }
}
