package org.irgeval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.run.Registry;
import org.irgeval.stats.Holm;

/**
 * The checkpoint regression gate of {@code irg-eval compare BASE CAND}: per benchmark both runs scored and per
 * variant both have (turn 1, the reflection, later turns), the candidate's overall against the baseline's on their
 * common prompts, and a verdict. A (benchmark, variant) fails when the candidate is significantly worse than
 * allowed: the one-sided bootstrap p-value of "the drop is at most {@code maxDrop} × the benchmark's full scale",
 * Holm-adjusted across every benchmark × variant tested, is below {@code alpha}.
 *
 * <p>Runs scored under different settings (scorer, judge model or protocol, prompt set, benchmark options) are
 * refused: their difference would be the settings', not the checkpoints'. Comparisons on fewer paired prompts than
 * {@link Options#minPrompts} give no verdict: at small n the percentile bootstrap is too narrow (docs/reports.md).
 */
public final class Gate {
  /** Exit codes: pass, a significant regression, input that cannot be compared or judged. */
  public static final int PASS = 0;
  public static final int FAIL = 1;
  public static final int UNUSABLE = 2;

  /** Paired prompts below which a comparison gives no verdict unless lowered explicitly. */
  public static final int DEFAULT_MIN_PROMPTS = 30;

  /** The recorded settings ({@link RunView#settings}) that must be equal for a verdict. */
  static final List<String> GATED_SETTINGS = List.of("scorer", "judge", "judge protocol", "prompts", "options");

  private final Registry registry;
  private final Comparisons comparisons;

  public Gate(Registry registry, Comparisons comparisons) {
    this.registry = registry;
    this.comparisons = comparisons;
  }

  /**
   * What to compare and how strictly.
   *
   * @param variant            the only variant compared on both sides, or null for every variant both runs have
   * @param only               benchmarks to compare, or null for all both runs scored
   * @param variantMap         variant names treated as the same (e.g. imported → reflection), either direction
   * @param maxDrop            allowed drop as a fraction of each benchmark's full scale
   * @param alpha              significance level after Holm
   * @param minPrompts         paired prompts below which a comparison gives no verdict
   * @param allowSettingChange compare runs whose gated settings differ (each verdict then says what changed)
   */
  public record Options(String variant, List<String> only, Map<String, String> variantMap, double maxDrop,
                        double alpha, int minPrompts, boolean allowSettingChange) {
    public Options {
      only = only == null ? null : List.copyOf(only);
      variantMap = Map.copyOf(variantMap);
    }

    public static Options defaults() {
      return new Options(null, null, Map.of(), 0.01, 0.05, DEFAULT_MIN_PROMPTS, false);
    }

    public Options withVariant(String v) {
      return new Options(v, only, variantMap, maxDrop, alpha, minPrompts, allowSettingChange);
    }

    public Options withOnly(List<String> o) {
      return new Options(variant, o, variantMap, maxDrop, alpha, minPrompts, allowSettingChange);
    }

    public Options withVariantMap(Map<String, String> m) {
      return new Options(variant, only, m, maxDrop, alpha, minPrompts, allowSettingChange);
    }

    public Options withMargin(double drop, double a) {
      return new Options(variant, only, variantMap, drop, a, minPrompts, allowSettingChange);
    }

    public Options withMinPrompts(int n) {
      return new Options(variant, only, variantMap, maxDrop, alpha, n, allowSettingChange);
    }

    public Options withAllowSettingChange(boolean allow) {
      return new Options(variant, only, variantMap, maxDrop, alpha, minPrompts, allow);
    }

    boolean pairs(String a, String b) {
      return b.equals(variantMap.get(a)) || a.equals(variantMap.get(b));
    }
  }

  /**
   * One (benchmark, variant)'s verdict.
   *
   * @param comparison the paired comparison
   * @param pAdjusted  Holm-adjusted {@link Comparison#pWorse}
   * @param failed     significantly worse than allowed
   * @param changes    the gated settings that differ ("scorer: a → b"), empty unless allowed
   */
  public record Verdict(Comparison comparison, double pAdjusted, boolean failed, List<String> changes) {
    public Verdict {
      changes = List.copyOf(changes);
    }

    /** The variant compared ("reflection", or "imported → reflection" where the names differ). */
    public String variant() {
      String b = variantOf(comparison.base());
      String c = variantOf(comparison.candidate());
      return b.equals(c) ? b : b + " → " + c;
    }

    private static String variantOf(String runAndVariant) {
      return runAndVariant.substring(runAndVariant.lastIndexOf(" / ") + 3);
    }
  }

  /**
   * @param verdicts  the tested comparisons
   * @param skipped   benchmarks or variants not compared, with the reason
   * @param noVerdict comparisons made but not judged (too few paired prompts), with the reason
   * @param refused   benchmarks whose gated settings differ (without {@code --allow-setting-change}), naming them
   * @param code      {@link #PASS}, {@link #FAIL} or {@link #UNUSABLE}
   */
  public record Outcome(List<Verdict> verdicts, List<String> skipped, List<String> noVerdict, List<String> refused,
                        int code) {
    /** Why the gate gave exit 2, in one line per reason; empty for pass or fail. */
    public List<String> reasons() {
      if (code != UNUSABLE) {
        return List.of();
      }
      List<String> r = new ArrayList<>();
      refused.forEach(s -> r.add("settings differ: " + s + " (--allow-setting-change compares anyway)"));
      noVerdict.forEach(s -> r.add("no verdict: " + s));
      if (r.isEmpty()) {
        r.add("nothing could be compared");
      }
      return r;
    }
  }

  public Outcome run(RunView base, RunView cand, Options o) {
    List<String> skipped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<Planned> plan = new ArrayList<>();
    for (String id : base.benchmarks()) {
      if (o.only() != null && !o.only().contains(id)) {
        continue;
      }
      Optional<Benchmark> b = registry.benchmark(id);
      if (b.isEmpty() || !cand.benchmarks().contains(id)) {
        skipped.add(id + ": " + (b.isEmpty() ? "no adapter registered" : "not scored in " + cand.label()));
        continue;
      }
      List<String> changes = settingChanges(base, cand, id);
      if (!changes.isEmpty() && !o.allowSettingChange()) {
        refused.add(id + ": " + String.join("; ", changes));
        continue;
      }
      List<String[]> pairs = variantPairs(base, cand, id, o);
      if (pairs.isEmpty()) {
        skipped.add(id + ": no variant " + (o.variant() == null ? "" : "'" + o.variant() + "' ") + "in both runs ("
            + base.label() + ": " + base.variants(id) + ", " + cand.label() + ": " + cand.variants(id)
            + "; --variant-map A=B pairs differently named ones)");
      }
      pairs.forEach(p -> plan.add(new Planned(b.get(), p[0], p[1], changes)));
    }
    if (o.only() != null) {
      o.only().stream().filter(id -> !base.benchmarks().contains(id))
          .forEach(id -> skipped.add(id + ": not scored in " + base.label()));
    }
    if (!refused.isEmpty()) {
      return new Outcome(List.of(), skipped, List.of(), refused, UNUSABLE);
    }
    List<Comparison> cs = new ArrayList<>();
    List<List<String>> changes = new ArrayList<>();
    List<String> noVerdict = new ArrayList<>();
    for (Planned p : plan) {
      Benchmark b = p.benchmark();
      Optional<Comparison> c = comparisons.compare(b, base, p.baseVariant(), cand, p.candVariant(),
          o.maxDrop() * b.fullScale());
      String name = b.id() + " / " + p.baseVariant() + (p.baseVariant().equals(p.candVariant()) ? ""
          : " → " + p.candVariant());
      if (c.isEmpty()) {
        skipped.add(name + ": " + comparisons.whyNot(b, base, p.baseVariant(), cand, p.candVariant()));
      } else if (c.get().prompts() < o.minPrompts()) {
        noVerdict.add(name + ": " + c.get().prompts() + " paired prompts, fewer than the minimum " + o.minPrompts()
            + " for a verdict (the bootstrap is too narrow at small n; --min-prompts N lowers it)");
      } else {
        cs.add(c.get());
        changes.add(p.changes());
      }
    }
    double[] adj = Holm.adjust(cs.stream().mapToDouble(Comparison::pWorse).toArray());
    List<Verdict> out = new ArrayList<>();
    boolean failed = false;
    for (int i = 0; i < cs.size(); i++) {
      boolean f = adj[i] < o.alpha() && cs.get(i).delta() < -cs.get(i).margin();
      failed |= f;
      out.add(new Verdict(cs.get(i), adj[i], f, changes.get(i)));
    }
    // A regression found is reported as such; otherwise a pass needs every comparison judged.
    int code = failed ? FAIL : cs.isEmpty() || !noVerdict.isEmpty() ? UNUSABLE : PASS;
    return new Outcome(out, skipped, noVerdict, List.of(), code);
  }

  private record Planned(Benchmark benchmark, String baseVariant, String candVariant, List<String> changes) {}

  /** The gated settings that differ between the runs on a benchmark, as "key: base → candidate". */
  static List<String> settingChanges(RunView base, RunView cand, String benchmark) {
    Map<String, String> a = base.settings(benchmark);
    Map<String, String> b = cand.settings(benchmark);
    List<String> out = new ArrayList<>();
    for (String k : GATED_SETTINGS) {
      String x = a.get(k);
      String y = b.get(k);
      if (x == null ? y != null : !x.equals(y)) {
        out.add(k + ": " + (x == null ? "none" : x) + " → " + (y == null ? "none" : y));
      }
    }
    return out;
  }

  /**
   * Every (base variant, candidate variant) pair to compare, in the baseline's variant order: the variant of the
   * same name, else the one the variant map pairs it with (A=B pairs A of either run with B of the other).
   */
  private static List<String[]> variantPairs(RunView base, RunView cand, String id, Options o) {
    List<String[]> out = new ArrayList<>();
    List<String> cvs = cand.variants(id);
    for (String bv : base.variants(id)) {
      String cv = cvs.contains(bv) ? bv : cvs.stream().filter(c -> o.pairs(bv, c)).findFirst().orElse(null);
      if (cv != null && (o.variant() == null || o.variant().equals(bv) || o.variant().equals(cv))) {
        out.add(new String[] {bv, cv});
      }
    }
    return out;
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
