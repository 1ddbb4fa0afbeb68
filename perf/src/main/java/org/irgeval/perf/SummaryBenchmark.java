package org.irgeval.perf;

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
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;
import org.irgeval.stats.StratifiedBootstrap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What writing {@code summary.json} costs for one GenEval-shaped variant ({@code promptCount} x 4 images; 553 with the
 * official tag sizes, or those sizes scaled to 10,000 prompts for a run the size of a whole evaluation): the official
 * aggregation once, the 1000-replicate stratified bootstrap CI of the overall, and the paired bootstrap of the
 * reflection effect (two variants).
 *
 * <p>{@code java -jar perf/target/benchmarks.jar SummaryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SummaryBenchmark extends FullSizeAggregation {
  @Param({"553", "10000"})
  public int promptCount;
  private List<ScoredSample> after;

  @Setup
  public void setUp() {
    bench = new GenEvalBenchmark();
    String[] tags = {"single_object", "two_object", "counting", "colors", "position", "color_attr"};
    int[] sizes = {80, 99, 80, 94, 100, 100};
    Map<String, Integer> cats = new LinkedHashMap<>();
    List<Prompt> ps = new ArrayList<>();
    for (int t = 0; t < tags.length; t++) {
      int size = (int) Math.round(sizes[t] * (promptCount / 553.0));
      cats.put(tags[t], size);
      for (int i = 0; i < size; i++) {
        int index = ps.size();
        ps.add(new Prompt(String.format("%05d", index), index, "p", tags[t], null));
      }
    }
    prompts = new PromptSet("geneval", "original", ps, List.of(), cats);
    Random rnd = new Random(1);
    samples = new ArrayList<>();
    after = new ArrayList<>();
    for (Prompt p : ps) {
      for (int s = 0; s < 4; s++) {
        boolean ok = rnd.nextDouble() < 0.78;
        samples.add(sample(p, s, "no-reflection", ok));
        after.add(sample(p, s, "reflection", ok || rnd.nextDouble() < 0.3));
      }
    }
  }

  private static ScoredSample sample(Prompt p, int s, String variant, boolean correct) {
    return new ScoredSample(p, s, new ScoreRecord(new ScoreKey("geneval", p.id(), s, variant, "x"),
        Map.of("correct", correct ? 1.0 : 0.0), null, null, null, 0));
  }

  @Benchmark
  public StratifiedBootstrap.Difference pairedReflectionEffect() {
    // samples: the no-reflection variant
    return StratifiedBootstrap.standard().paired(samples, after,
        rep -> bench.aggregate(prompts, rep).overall());
  }
}
