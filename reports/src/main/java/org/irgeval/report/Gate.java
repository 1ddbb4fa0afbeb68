package org.irgeval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.run.Registry;
import org.irgeval.stats.Holm;

/**
 * The checkpoint regression gate of {@code irg-eval compare BASE CAND}: per benchmark both runs scored, the
 * candidate's overall against the baseline's on their common prompts, and a verdict. A benchmark fails when the
 * candidate is significantly worse than allowed: the one-sided bootstrap p-value of "the drop is at most
 * {@code maxDrop} × the benchmark's full scale", Holm-adjusted across the benchmarks, is below {@code alpha}.
 */
public final class Gate {
  /** Exit codes: pass, a significant regression, input that cannot be compared. */
  public static final int PASS = 0;
  public static final int FAIL = 1;
  public static final int UNUSABLE = 2;

  private final Registry registry;
  private final Comparisons comparisons;

  public Gate(Registry registry, Comparisons comparisons) {
    this.registry = registry;
    this.comparisons = comparisons;
  }

  /**
   * One benchmark's verdict.
   *
   * @param comparison the paired comparison
   * @param pAdjusted  Holm-adjusted {@link Comparison#pWorse}
   * @param failed     significantly worse than allowed
   */
  public record Verdict(Comparison comparison, double pAdjusted, boolean failed) {}

  /**
   * @param result the verdicts, and why benchmarks were skipped
   * @param code   {@link #PASS}, {@link #FAIL} or {@link #UNUSABLE}
   */
  public record Outcome(List<Verdict> verdicts, List<String> skipped, int code) {}

  /**
   * @param variant  the variant compared on both sides, or null for the last variant both runs have (e.g.
   *                 "reflection")
   * @param only     benchmarks to compare, or null for all both runs scored
   */
  public Outcome run(RunView base, RunView cand, String variant, List<String> only, double maxDrop, double alpha) {
    List<Comparison> cs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String id : base.benchmarks()) {
      if (only != null && !only.contains(id)) {
        continue;
      }
      Optional<Benchmark> b = registry.benchmark(id);
      if (b.isEmpty() || !cand.benchmarks().contains(id)) {
        skipped.add(id + ": " + (b.isEmpty() ? "no adapter registered" : "not scored in " + cand.label()));
        continue;
      }
      String v = variant != null ? variant : commonVariant(base, cand, id);
      if (v == null || !base.variants(id).contains(v) || !cand.variants(id).contains(v)) {
        skipped.add(id + ": no variant " + (v == null ? "" : "'" + v + "' ") + "in both runs");
        continue;
      }
      Optional<Comparison> c = comparisons.compare(b.get(), base, v, cand, v, maxDrop * b.get().fullScale());
      if (c.isEmpty()) {
        skipped.add(id + ": " + comparisons.whyNot(b.get(), base, v, cand, v));
      } else {
        cs.add(c.get());
      }
    }
    if (only != null) {
      only.stream().filter(id -> !base.benchmarks().contains(id)).forEach(id -> skipped.add(id + ": not scored in "
          + base.label()));
    }
    if (cs.isEmpty()) {
      return new Outcome(List.of(), skipped, UNUSABLE);
    }
    double[] p = cs.stream().mapToDouble(Comparison::pWorse).toArray();
    double[] adj = Holm.adjust(p);
    List<Verdict> out = new ArrayList<>();
    boolean failed = false;
    for (int i = 0; i < cs.size(); i++) {
      boolean f = adj[i] < alpha && cs.get(i).delta() < -cs.get(i).margin();
      failed |= f;
      out.add(new Verdict(cs.get(i), adj[i], f));
    }
    return new Outcome(out, skipped, failed ? FAIL : PASS);
  }

  /** The last variant (in summary order: no-reflection, reflection, turn-3, ...) both runs have. */
  static String commonVariant(RunView a, RunView b, String benchmark) {
    List<String> va = a.variants(benchmark);
    List<String> vb = b.variants(benchmark);
    for (int i = va.size() - 1; i >= 0; i--) {
      if (vb.contains(va.get(i))) {
        return va.get(i);
      }
    }
    return null;
  }
}
