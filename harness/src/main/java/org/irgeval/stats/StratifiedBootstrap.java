package org.irgeval.stats;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Percentile bootstrap CIs of a benchmark's official overall, resampling prompts (with all their images)
 * within each category. Every prompt slot keeps its id and category and takes the scores of a prompt drawn
 * with replacement from the same category, so an official aggregation that checks id coverage or weights
 * categories by size sees the same structure in every replicate. The paired form draws the same prompts for
 * two variants of one run (e.g. reflection vs no reflection), which is what makes their difference precise.
 */
public final class StratifiedBootstrap {
  private final int replicates;
  private final long seed;

  public StratifiedBootstrap(int replicates, long seed) {
    this.replicates = replicates;
    this.seed = seed;
  }

  /** A paired difference: the point estimate, its 95% CI and a two-sided bootstrap p-value for "no difference". */
  public record Difference(double delta, double[] ci95, double pValue) {}

  /**
   * @param samples   scored images of one variant
   * @param statistic the official overall of a list of samples (null when undefined)
   * @return {lower, upper} at 95%, or null when fewer than two prompts or no replicate had a value
   */
  public double[] ci95(List<ScoredSample> samples, Function<List<ScoredSample>, Double> statistic) {
    Resampler r = new Resampler(List.of(samples));
    if (r.slots() < 2) {
      return null;
    }
    RandomGenerator rnd = new MersenneTwister(seed);
    double[] values = new double[replicates];
    int n = 0;
    for (int i = 0; i < replicates; i++) {
      Double v = statistic.apply(r.draw(rnd).get(0));
      if (v != null && !v.isNaN()) {
        values[n++] = v;
      }
    }
    return n == 0 ? null : percentiles(Arrays.copyOf(values, n));
  }

  /**
   * The difference {@code statistic(b) - statistic(a)} over the prompts both variants scored, with the same
   * prompts drawn for both in every replicate. Null when it is undefined.
   */
  public Difference paired(List<ScoredSample> a, List<ScoredSample> b, Function<List<ScoredSample>, Double> statistic) {
    PairedReplicates r = pairedReplicates(a, b, statistic);
    if (r == null) {
      return null;
    }
    return new Difference(r.delta(), percentiles(r.deltas()), r.twoSidedP());
  }

  /**
   * The replicate differences behind {@link #paired}, for tests of other hypotheses (e.g. "the drop is no larger
   * than a margin"). Null when undefined.
   */
  public PairedReplicates pairedReplicates(List<ScoredSample> a, List<ScoredSample> b,
                                           Function<List<ScoredSample>, Double> statistic) {
    Resampler r = new Resampler(List.of(a, b));
    if (r.slots() < 2) {
      return null;
    }
    List<List<ScoredSample>> full = r.identity();
    Double sa = statistic.apply(full.get(0));
    Double sb = statistic.apply(full.get(1));
    if (sa == null || sb == null) {
      return null;
    }
    RandomGenerator rnd = new MersenneTwister(seed);
    double[] d = new double[replicates];
    int n = 0;
    for (int i = 0; i < replicates; i++) {
      List<List<ScoredSample>> rep = r.draw(rnd);
      Double va = statistic.apply(rep.get(0));
      Double vb = statistic.apply(rep.get(1));
      if (va == null || vb == null || va.isNaN() || vb.isNaN()) {
        continue;
      }
      d[n++] = vb - va;
    }
    return n == 0 ? null : new PairedReplicates(sb - sa, Arrays.copyOf(d, n), r.slots());
  }

  /**
   * @param delta   statistic(b) - statistic(a) on the prompts both scored
   * @param deltas  the replicate differences
   * @param prompts how many prompts both scored (the comparison's sample size)
   */
  public record PairedReplicates(double delta, double[] deltas, int prompts) {
    /** Two-sided bootstrap p-value for "no difference". */
    public double twoSidedP() {
      int notPositive = 0;
      int notNegative = 0;
      for (double x : deltas) {
        notPositive += x <= 0 ? 1 : 0;
        notNegative += x >= 0 ? 1 : 0;
      }
      return Math.min(1.0, 2.0 * Math.min(notPositive, notNegative) / deltas.length);
    }

    /** One-sided bootstrap p-value for "the difference is at least {@code bound}" (small: it is below). */
    public double pAtLeast(double bound) {
      int atLeast = 0;
      for (double x : deltas) {
        atLeast += x >= bound ? 1 : 0;
      }
      return (double) atLeast / deltas.length;
    }

    public double[] ci95() {
      return percentiles(deltas);
    }
  }

  private static double[] percentiles(double[] values) {
    Percentile p = new Percentile();
    return new double[] {p.evaluate(values, 2.5), p.evaluate(values, 97.5)};
  }

  /** Prompt slots by category, over the prompts every given list scored. */
  private static final class Resampler {
    private final List<Map<String, List<ScoredSample>>> byPrompt = new ArrayList<>();
    private final Map<String, Prompt> prompts = new LinkedHashMap<>();
    private final Map<String, List<String>> strata = new LinkedHashMap<>();

    Resampler(List<List<ScoredSample>> variants) {
      for (List<ScoredSample> v : variants) {
        Map<String, List<ScoredSample>> m = new LinkedHashMap<>();
        for (ScoredSample s : v) {
          m.computeIfAbsent(s.prompt().id(), k -> new ArrayList<>()).add(s);
          prompts.putIfAbsent(s.prompt().id(), s.prompt());
        }
        byPrompt.add(m);
      }
      for (Prompt p : prompts.values()) {
        if (byPrompt.stream().allMatch(m -> m.containsKey(p.id()))) {
          strata.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p.id());
        }
      }
    }

    int slots() {
      return strata.values().stream().mapToInt(List::size).sum();
    }

    List<List<ScoredSample>> identity() {
      return build(id -> id);
    }

    List<List<ScoredSample>> draw(RandomGenerator rnd) {
      Map<String, String> source = new LinkedHashMap<>();
      for (List<String> ids : strata.values()) {
        for (String slot : ids) {
          source.put(slot, ids.get(rnd.nextInt(ids.size())));
        }
      }
      return build(source::get);
    }

    private List<List<ScoredSample>> build(Function<String, String> sourceOf) {
      List<List<ScoredSample>> out = new ArrayList<>();
      for (Map<String, List<ScoredSample>> m : byPrompt) {
        List<ScoredSample> rep = new ArrayList<>();
        for (List<String> ids : strata.values()) {
          for (String slot : ids) {
            Prompt slotPrompt = prompts.get(slot);
            for (ScoredSample s : m.get(sourceOf.apply(slot))) {
              rep.add(new ScoredSample(slotPrompt, s.sample(), s.score()));
            }
          }
        }
        out.add(rep);
      }
      return out;
    }
  }
}
