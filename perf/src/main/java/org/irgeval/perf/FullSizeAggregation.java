package org.irgeval.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.stats.StratifiedBootstrap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a summary costs for one variant of a benchmark at full size: the benchmark's official aggregation once, and
 * inside the 1000-replicate stratified bootstrap CI of the overall that every summary computes. A subclass builds the
 * full-size prompt set and scores in its {@code @Setup} (JMH runs the inherited {@code @Benchmark} methods for each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public abstract class FullSizeAggregation {
  protected org.irgeval.api.Benchmark bench;
  protected PromptSet prompts;
  protected List<ScoredSample> samples;

  @Benchmark
  public VariantSummary officialAggregation() {
    return bench.aggregate(prompts, samples);
  }

  @Benchmark
  public double[] bootstrapCi() {
    return StratifiedBootstrap.standard().ci95(samples, l -> bench.aggregate(prompts, l).overall());
  }
}
