package org.irgeval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoredSample;

/**
 * Percentile bootstrap CIs of a benchmark's official overall, resampling prompts within each category and then,
 * where a prompt has several images, its images (a two-level bootstrap). Every prompt slot keeps its id and
 * category and takes the scores of a prompt drawn with replacement from the same category; every image slot of
 * it keeps its sample index and takes the score of an image drawn with replacement from that prompt's images.
 * So an official aggregation that checks id coverage, counts images per prompt or weights categories by size
 * sees the same structure in every replicate. The paired form draws the same prompts, and the same image
 * positions, for both sides (e.g. reflection vs no reflection of one run, or two checkpoints on the same seeds),
 * which is what makes their difference precise.
 *
 * <p>Assumptions (docs/reports.md, "The regression gate"): prompts are exchangeable within their category (the
 * benchmark's prompts stand for a population of such prompts) and a prompt's images are exchangeable (independent
 * seeds). Resampling both levels with replacement slightly overstates the variance of the prompt means (Davison
 * and Hinkley 1997, section 3.8), the conservative side for a gate; with one image per prompt it is the
 * one-level bootstrap, drawn exactly as before, so such runs keep their numbers.
 */
public final class StratifiedBootstrap {
  private final int replicates;
  private final long seed;

  public StratifiedBootstrap(int replicates, long seed) {
    this(replicates, seed, defaultThreads());
  }

  /**
   * @param threads how many threads evaluate the replicates (1 = the calling thread only). The resampled prompts of
   *                every replicate are drawn first, in order, from one generator seeded with {@code seed}, so the
   *                result is the same for any thread count.
   */
  public StratifiedBootstrap(int replicates, long seed, int threads) {
    this.replicates = replicates;
    this.seed = seed;
    this.threads = Math.max(1, threads);
  }

  private final int threads;

  public int threads() {
    return threads;
  }

  /** Replicates and seed (what decides the numbers; the thread count does not). */
  @Override
  public String toString() {
    return "stratified two-level bootstrap (prompts, then images), " + replicates + " replicates, seed " + seed;
  }

  /** The project's one bootstrap: 1000 replicates, seed 20250906 (every summary, report and gate uses it). */
  public static StratifiedBootstrap standard() {
    return new StratifiedBootstrap(1000, 20250906L);
  }

  /** All cores, unless the system property {@code irgeval.bootstrap.threads} says otherwise. */
  static int defaultThreads() {
    String p = System.getProperty("irgeval.bootstrap.threads");
    if (p != null && !p.isBlank()) {
      return Math.max(1, Integer.parseInt(p.trim()));
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** Evaluates {@code f} for replicates 0..n-1 on {@link #threads} threads; results in replicate order. */
  private <T> List<T> evaluate(int n, IntFunction<T> f) {
    List<T> out = new ArrayList<>(Collections.nCopies(n, null));
    if (threads == 1 || n < 2) {
      for (int i = 0; i < n; i++) {
        out.set(i, f.apply(i));
      }
      return out;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      Object[] res = new Object[n];
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> res[i] = f.apply(i))).get();
      for (int i = 0; i < n; i++) {
        @SuppressWarnings("unchecked")
        T t = (T) res[i];
        out.set(i, t);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bootstrap interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
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
    int[][] draws = new int[replicates][];
    for (int i = 0; i < replicates; i++) {
      draws[i] = r.drawSources(rnd);
    }
    List<Double> stats = evaluate(replicates, i -> statistic.apply(r.build(draws[i]).get(0)));
    double[] values = new double[replicates];
    int n = 0;
    for (Double v : stats) {
      if (v != null && !v.isNaN()) {
        values[n++] = v;
      }
    }
    return n == 0 ? null : percentiles(Arrays.copyOf(values, n));
  }

  /**
   * CIs of several statistics of the same replicates, e.g. the overall and every category score of one official
   * aggregation: each replicate is aggregated once and every key read from it, so each key's CI is that of the
   * benchmark's own aggregation, and a key's CI is exactly what {@link #ci95} gives for it alone (same draws).
   *
   * @param statistics the values of a list of samples by key (a key absent or null: undefined in that replicate)
   * @return per key in {@code keys}' order: {lower, upper} at 95%, or null (fewer than two prompts, or no
   *         replicate had a value)
   */
  public Map<String, double[]> ci95ByKey(List<ScoredSample> samples, List<String> keys,
                                         Function<List<ScoredSample>, Map<String, Double>> statistics) {
    Map<String, double[]> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, null));
    Resampler r = new Resampler(List.of(samples));
    if (r.slots() < 2 || keys.isEmpty()) {
      return out;
    }
    RandomGenerator rnd = new MersenneTwister(seed);
    int[][] draws = new int[replicates][];
    for (int i = 0; i < replicates; i++) {
      draws[i] = r.drawSources(rnd);
    }
    List<Map<String, Double>> stats = evaluate(replicates, i -> statistics.apply(r.build(draws[i]).get(0)));
    for (String k : keys) {
      double[] values = new double[replicates];
      int n = 0;
      for (Map<String, Double> m : stats) {
        Double v = m.get(k);
        if (v != null && !v.isNaN()) {
          values[n++] = v;
        }
      }
      out.put(k, n == 0 ? null : percentiles(Arrays.copyOf(values, n)));
    }
    return out;
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
    int[][] draws = new int[replicates][];
    for (int i = 0; i < replicates; i++) {
      draws[i] = r.drawSources(rnd);
    }
    List<Double[]> pairs = evaluate(replicates, i -> {
      List<List<ScoredSample>> rep = r.build(draws[i]);
      return new Double[] {statistic.apply(rep.get(0)), statistic.apply(rep.get(1))};
    });
    double[] d = new double[replicates];
    int n = 0;
    for (Double[] p : pairs) {
      Double va = p[0];
      Double vb = p[1];
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
    /** Some prompt has several images: the second level (images within a prompt) is drawn. */
    private final boolean multiImage;

    Resampler(List<List<ScoredSample>> variants) {
      for (List<ScoredSample> v : variants) {
        Map<String, List<ScoredSample>> m = new LinkedHashMap<>();
        for (ScoredSample s : v) {
          m.computeIfAbsent(s.prompt().id(), k -> new ArrayList<>()).add(s);
          prompts.putIfAbsent(s.prompt().id(), s.prompt());
        }
        byPrompt.add(m);
      }
      boolean several = false;
      for (Prompt p : prompts.values()) {
        if (byPrompt.stream().allMatch(m -> m.containsKey(p.id()))) {
          strata.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p.id());
          several |= byPrompt.stream().anyMatch(m -> m.get(p.id()).size() > 1);
        }
      }
      multiImage = several;
    }

    int slots() {
      return strata.values().stream().mapToInt(List::size).sum();
    }

    List<List<ScoredSample>> identity() {
      return build(id -> id, null);
    }

    /**
     * One replicate's draw: for every slot (strata in order, slots in order) the position, within its stratum, of
     * the prompt whose scores it takes. Consumes the generator exactly as the single-threaded draw always did.
     */
    int[] drawSources(RandomGenerator rnd) {
      int n = slots();
      int[] src = new int[multiImage ? n + 2 : n];
      int k = 0;
      for (List<String> ids : strata.values()) {
        for (int j = 0; j < ids.size(); j++) {
          src[k++] = rnd.nextInt(ids.size());
        }
      }
      if (multiImage) {
        // The image level's draws come from a generator seeded here, in replicate order, so the numbers do not
        // depend on the thread that builds the replicate.
        long imageSeed = rnd.nextLong();
        src[n] = (int) (imageSeed >>> 32);
        src[n + 1] = (int) imageSeed;
      }
      return src;
    }

    /** The resampled lists of a draw from {@link #drawSources}. */
    List<List<ScoredSample>> build(int[] src) {
      Map<String, String> source = new HashMap<>();
      int k = 0;
      for (List<String> ids : strata.values()) {
        for (String slot : ids) {
          source.put(slot, ids.get(src[k++]));
        }
      }
      RandomGenerator images = null;
      if (multiImage) {
        images = new MersenneTwister(((long) src[k] << 32) | (src[k + 1] & 0xffffffffL));
      }
      return build(source::get, images);
    }

    private List<List<ScoredSample>> build(Function<String, String> sourceOf, RandomGenerator images) {
      List<List<ScoredSample>> out = new ArrayList<>();
      for (int side = 0; side < byPrompt.size(); side++) {
        out.add(new ArrayList<>());
      }
      for (List<String> ids : strata.values()) {
        for (String slot : ids) {
          Prompt slotPrompt = prompts.get(slot);
          String src = sourceOf.apply(slot);
          double[] positions = imagePositions(src, images);
          for (int side = 0; side < byPrompt.size(); side++) {
            List<ScoredSample> drawn = byPrompt.get(side).get(src);
            List<ScoredSample> rep = out.get(side);
            for (int j = 0; j < drawn.size(); j++) {
              // Slot j keeps its sample index; its score is that of the image at the drawn position. The same
              // uniform draws pick the position on both sides, so equally many images per prompt stay paired.
              ScoredSample pick = positions == null ? drawn.get(j)
                  : drawn.get((int) Math.min(drawn.size() - 1, Math.floor(positions[j] * drawn.size())));
              rep.add(new ScoredSample(slotPrompt, drawn.get(j).sample(), pick.score()));
            }
          }
        }
      }
      return out;
    }

    /** Uniform draws for the images of prompt {@code id} (as many as its largest side has), or null for none. */
    private double[] imagePositions(String id, RandomGenerator images) {
      if (images == null) {
        return null;
      }
      int most = byPrompt.stream().mapToInt(m -> m.get(id).size()).max().orElse(0);
      if (most < 2) {
        return null;
      }
      double[] u = new double[most];
      for (int j = 0; j < most; j++) {
        u[j] = images.nextDouble();
      }
      return u;
    }
  }
}
