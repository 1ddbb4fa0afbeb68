package org.irgeval.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoredSample;

/**
 * Percentile bootstrap CI of a benchmark's official overall, resampling prompts (with all their images)
 * within each category. Every prompt slot keeps its id and category and takes the scores of a prompt drawn
 * with replacement from the same category, so an official aggregation that checks id coverage or weights
 * categories by size sees the same structure in every replicate.
 */
public final class StratifiedBootstrap {
  private final int replicates;
  private final long seed;

  public StratifiedBootstrap(int replicates, long seed) {
    this.replicates = replicates;
    this.seed = seed;
  }

  /**
   * @param samples   scored images of one variant
   * @param statistic the official overall of a list of samples (null when undefined)
   * @return {lower, upper} at 95%, or null when fewer than two prompts or no replicate had a value
   */
  public double[] ci95(List<ScoredSample> samples, Function<List<ScoredSample>, Double> statistic) {
    Map<String, List<ScoredSample>> byPrompt = new LinkedHashMap<>();
    Map<String, Prompt> prompts = new LinkedHashMap<>();
    for (ScoredSample s : samples) {
      byPrompt.computeIfAbsent(s.prompt().id(), k -> new ArrayList<>()).add(s);
      prompts.putIfAbsent(s.prompt().id(), s.prompt());
    }
    if (prompts.size() < 2) {
      return null;
    }
    Map<String, List<String>> strata = new LinkedHashMap<>();
    for (Prompt p : prompts.values()) {
      strata.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p.id());
    }
    RandomGenerator rnd = new MersenneTwister(seed);
    double[] values = new double[replicates];
    int n = 0;
    for (int r = 0; r < replicates; r++) {
      List<ScoredSample> rep = new ArrayList<>(samples.size());
      for (List<String> ids : strata.values()) {
        for (String slot : ids) {
          String src = ids.get(rnd.nextInt(ids.size()));
          Prompt slotPrompt = prompts.get(slot);
          for (ScoredSample s : byPrompt.get(src)) {
            rep.add(new ScoredSample(slotPrompt, s.sample(), s.score()));
          }
        }
      }
      Double v = statistic.apply(rep);
      if (v != null && !v.isNaN()) {
        values[n++] = v;
      }
    }
    if (n == 0) {
      return null;
    }
    Percentile p = new Percentile();
    double[] used = java.util.Arrays.copyOf(values, n);
    return new double[] {p.evaluate(used, 2.5), p.evaluate(used, 97.5)};
  }
}
