package org.irgeval.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.stats.McNemar;
import org.irgeval.stats.StratifiedBootstrap;

/**
 * Paired comparisons of a benchmark between two runs, or two variants of one run, on the prompts both scored:
 * the paired bootstrap of the difference with the benchmark's own aggregation inside every replicate, McNemar's
 * test where image scores are right/wrong, and the prompts that flipped. Runs on different prompt sets are
 * compared on their intersection only, and the comparison says how many prompts that was.
 */
public final class Comparisons {
  private final StratifiedBootstrap bootstrap;

  public Comparisons(StratifiedBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Why {@link #compare} gave nothing, in the user's terms (a run's missing prompts, no common prompts, no overall). */
  public String whyNot(Benchmark b, RunView base, String baseVariant, RunView cand, String candVariant) {
    String id = b.id();
    if (base.prompts(id).isEmpty()) {
      return base.label() + " has no recorded prompt set (prompts/" + id + ".json)";
    }
    List<ScoredSample> a = base.samples(id, baseVariant);
    List<ScoredSample> c = cand.samples(id, candVariant);
    if (a.isEmpty() || c.isEmpty()) {
      return "no scored image of " + (a.isEmpty() ? base.label() + " / " + baseVariant : cand.label() + " / "
          + candVariant);
    }
    Set<String> both = a.stream().map(s -> s.prompt().id()).collect(Collectors.toSet());
    both.retainAll(c.stream().map(s -> s.prompt().id()).collect(Collectors.toSet()));
    if (both.isEmpty()) {
      return "no prompt scored by both runs";
    }
    // e.g. WISE: its overall is defined on every category; a subset (--limit, a shard) has none
    return both.size() + " prompts scored by both, but " + id + " defines no overall on them (its overall needs the"
        + " full prompt set, e.g. every WISE category): compare runs of the full set";
  }

  /**
   * @param margin the allowed drop on the benchmark's scale, for {@link Comparison#pWorse} (0: none allowed)
   * @return empty when either side lacks recorded prompts or scores, or no prompt was scored by both
   */
  public Optional<Comparison> compare(Benchmark b, RunView base, String baseVariant, RunView cand,
                                      String candVariant, double margin) {
    String id = b.id();
    Optional<PromptSet> ps = base.prompts(id);
    List<ScoredSample> a = base.samples(id, baseVariant);
    List<ScoredSample> c = cand.samples(id, candVariant);
    if (ps.isEmpty() || a.isEmpty() || c.isEmpty()) {
      return Optional.empty();
    }
    Set<String> both = a.stream().map(s -> s.prompt().id()).collect(Collectors.toSet());
    both.retainAll(c.stream().map(s -> s.prompt().id()).collect(Collectors.toSet()));
    if (both.isEmpty()) {
      return Optional.empty();
    }
    // The candidate's samples are re-attached to the baseline's prompt objects, so both sides aggregate alike.
    Map<String, Prompt> prompts = new LinkedHashMap<>();
    ps.get().prompts().stream().filter(p -> both.contains(p.id())).forEach(p -> prompts.put(p.id(), p));
    List<ScoredSample> aa = rebind(a, prompts);
    List<ScoredSample> cc = rebind(c, prompts);
    PromptSet inter = intersection(ps.get(), prompts);
    Function<List<ScoredSample>, Double> stat = l -> RunView.overallOrPreview(b.aggregate(inter, l));
    StratifiedBootstrap.PairedReplicates r = bootstrap.pairedReplicates(aa, cc, stat);
    if (r == null) {
      return Optional.empty();
    }
    Double av = stat.apply(aa);
    Double cv = stat.apply(cc);
    return Optional.of(new Comparison(id, base.label() + " / " + baseVariant, cand.label() + " / " + candVariant,
        prompts.size(), av, cv, r.delta(), r.ci95(), r.twoSidedP(), r.pAtLeast(-margin), margin,
        b.binaryImageScore() ? mcnemar(b, aa, cc) : null, flips(b, aa, cc, prompts)));
  }

  private static List<ScoredSample> rebind(List<ScoredSample> l, Map<String, Prompt> prompts) {
    List<ScoredSample> out = new ArrayList<>();
    for (ScoredSample s : l) {
      Prompt p = prompts.get(s.prompt().id());
      if (p != null) {
        out.add(new ScoredSample(p, s.sample(), s.score()));
      }
    }
    return out;
  }

  private static PromptSet intersection(PromptSet full, Map<String, Prompt> prompts) {
    Map<String, Integer> cats = new LinkedHashMap<>();
    full.categories().keySet().forEach(k -> cats.put(k, 0));
    prompts.values().forEach(p -> cats.merge(p.category(), 1, Integer::sum));
    return new PromptSet(full.benchmark(), full.version(), List.copyOf(prompts.values()), full.files(), cats);
  }

  /** Images scored by both, paired by (prompt, sample): right under one side only. */
  static McNemar mcnemar(Benchmark b, List<ScoredSample> a, List<ScoredSample> c) {
    Map<String, Double> base = new HashMap<>();
    for (ScoredSample s : a) {
      b.imageScore(s.score()).ifPresent(v -> base.put(s.prompt().id() + "#" + s.sample(), v));
    }
    int onlyA = 0;
    int onlyB = 0;
    for (ScoredSample s : c) {
      Double x = base.get(s.prompt().id() + "#" + s.sample());
      OptionalDouble y = b.imageScore(s.score());
      if (x == null || y.isEmpty()) {
        continue;
      }
      if (x >= 0.5 && y.getAsDouble() < 0.5) {
        onlyA++;
      } else if (x < 0.5 && y.getAsDouble() >= 0.5) {
        onlyB++;
      }
    }
    return new McNemar(onlyA, onlyB);
  }

  static List<Comparison.Flip> flips(Benchmark b, List<ScoredSample> a, List<ScoredSample> c,
                                     Map<String, Prompt> prompts) {
    Map<String, Double> before = promptScores(b, a);
    Map<String, Double> after = promptScores(b, c);
    List<Comparison.Flip> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : before.entrySet()) {
      Double x = after.get(e.getKey());
      if (x != null && Math.abs(x - e.getValue()) > 1e-12) {
        Prompt p = prompts.get(e.getKey());
        out.add(new Comparison.Flip(p.id(), p.category(), p.text(), e.getValue(), x));
      }
    }
    out.sort(Comparator.comparingDouble(f -> f.after() - f.before()));
    return out;
  }

  /** Mean image score per prompt (prompts without an image score are left out). */
  static Map<String, Double> promptScores(Benchmark b, List<ScoredSample> l) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (ScoredSample s : l) {
      OptionalDouble v = b.imageScore(s.score());
      if (v.isPresent()) {
        double[] t = sums.computeIfAbsent(s.prompt().id(), k -> new double[2]);
        t[0] += v.getAsDouble();
        t[1]++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((k, t) -> out.put(k, t[0] / t[1]));
    return out;
  }
}
