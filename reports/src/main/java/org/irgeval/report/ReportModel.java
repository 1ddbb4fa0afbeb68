package org.irgeval.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Variant;
import org.irgeval.run.Registry;

/**
 * Everything a cross-run report shows, computed once and rendered as Markdown, HTML, CSV and plots.
 *
 * @param runs        the runs, in the order given
 * @param tables      one table per benchmark
 * @param reflection  per run and benchmark: every later turn against no-reflection on the same prompts
 * @param versus      per benchmark and later run: the run against the first run, same variant
 * @param costs       per run and benchmark: time per stage
 * @param agreements  per benchmark and later run judged differently from the first: the judges' agreement
 * @param paper       published rows shown ("irg"), or null
 * @param trend       the run label the runs are ordered and plotted by ({@code report --trend step}), or null
 * @param trendValues per run label (in {@code runs}' order), its value of {@code trend}; empty without a trend
 */
public record ReportModel(List<RunView> runs, List<BenchmarkTable> tables, List<Comparison> reflection,
                          List<Comparison> versus, List<NotCompared> notCompared, List<Cost> costs,
                          List<JudgeAgreement> agreements, String paper, String trend,
                          Map<String, String> trendValues) {
  /**
   * A paired comparison the report wanted to show and could not, with the reason (e.g. a WISE subset, whose
   * overall the official rules withhold): said in the report, never a silently missing row.
   */
  public record NotCompared(String benchmark, String what, String why) {}

  /**
   * The cost of reflection of one run on one benchmark.
   *
   * @param run       run label
   * @param benchmark benchmark id
   * @param stages    time per stage
   * @param gain      the reflection's overall gain (reflection - no-reflection), or null
   * @param gainPerGpuHour gain per extra GPU-hour spent on the turns after the first, or null
   */
  public record Cost(String run, String benchmark, StageCost stages, Double gain, Double gainPerGpuHour) {}

  public static ReportModel build(Registry registry, List<RunView> runs, String paper, Comparisons comparisons) {
    return buildOrdered(registry, runs, paper, comparisons);
  }

  /**
   * @param trend a run label ({@link RunView#labels}): the runs are put in the order of its values (numerically
   *              where every value is a number), and the report plots every column against it; null for none
   * @throws IllegalArgumentException when a run lacks the label, naming the run and the labels it has
   */
  public static ReportModel build(Registry registry, List<RunView> given, String paper, Comparisons comparisons,
                                  String trend) throws IOException {
    List<RunView> runs = given;
    Map<String, String> values = new LinkedHashMap<>();
    if (trend != null) {
      for (RunView r : given) {
        Map<String, String> labels = r.labels();
        if (!labels.containsKey(trend)) {
          throw new IllegalArgumentException(r.dir() + ": no label '" + trend + "' for --trend (its labels: "
              + labels.keySet() + "; record one with irg-eval run --label " + trend + "=VALUE)");
        }
        values.put(r.label(), labels.get(trend));
      }
      boolean numeric = values.values().stream().allMatch(ReportModel::isNumber);
      Comparator<RunView> order = numeric
          ? Comparator.comparingDouble(r -> Double.parseDouble(values.get(r.label())))
          : Comparator.comparing(r -> values.get(r.label()));
      runs = given.stream().sorted(order).toList();
    }
    ReportModel m = buildOrdered(registry, runs, paper, comparisons);
    return new ReportModel(m.runs(), m.tables(), m.reflection(), m.versus(), m.notCompared(), m.costs(),
        m.agreements(), paper, trend, Map.copyOf(values));
  }

  static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static ReportModel buildOrdered(Registry registry, List<RunView> runs, String paper,
                                          Comparisons comparisons) {
    Set<String> benchmarks = new LinkedHashSet<>();
    runs.forEach(r -> benchmarks.addAll(r.benchmarks()));
    List<BenchmarkTable> tables = new ArrayList<>();
    List<Comparison> reflection = new ArrayList<>();
    List<Comparison> versus = new ArrayList<>();
    List<NotCompared> notCompared = new ArrayList<>();
    List<Cost> costs = new ArrayList<>();
    List<JudgeAgreement> agreements = new ArrayList<>();
    for (String id : benchmarks) {
      Optional<Benchmark> b = registry.benchmark(id);
      tables.add(BenchmarkTable.of(id, b, runs, paper));
      if (b.isEmpty()) {
        continue;
      }
      for (RunView r : runs) {
        if (!r.benchmarks().contains(id)) {
          continue;
        }
        Double gain = null;
        for (String v : r.variants(id)) {
          if (v.equals(Variant.NO_REFLECTION) || v.equals(Variant.IMPORTED)
              || !r.variants(id).contains(Variant.NO_REFLECTION)) {
            continue;
          }
          Optional<Comparison> c = comparisons.compare(b.get(), r, Variant.NO_REFLECTION, r, v, 0);
          c.ifPresent(reflection::add);
          if (c.isEmpty()) {
            notCompared.add(new NotCompared(id, r.label() + ": " + v + " vs " + Variant.NO_REFLECTION,
                comparisons.whyNot(b.get(), r, Variant.NO_REFLECTION, r, v)));
          }
          if (v.equals(Variant.REFLECTION) && c.isPresent()) {
            gain = c.get().delta();
          }
        }
        StageCost stages = StageCost.of(r, id);
        Double perHour = gain != null && stages.reflectionSeconds() > 0 ? gain / (stages.reflectionSeconds() / 3600)
            : null;
        if (stages.trajectories() > 0) {
          costs.add(new Cost(r.label(), id, stages, gain, perHour));
        }
      }
      RunView first = runs.stream().filter(r -> r.benchmarks().contains(id)).findFirst().orElse(null);
      for (RunView r : runs) {
        if (r == first || !r.benchmarks().contains(id)) {
          continue;
        }
        String v = Gate.commonVariant(first, r, id);
        if (v != null) {
          Optional<Comparison> c = comparisons.compare(b.get(), first, v, r, v, 0);
          c.ifPresent(versus::add);
          if (c.isEmpty()) {
            notCompared.add(new NotCompared(id, r.label() + " vs " + first.label() + " (" + v + ")",
                comparisons.whyNot(b.get(), first, v, r, v)));
          }
          Map<String, String> s1 = first.settings(id);
          Map<String, String> s2 = r.settings(id);
          if (!Objects.equals(s1.get("judge"), s2.get("judge")) || !Objects.equals(s1.get("scorer"), s2.get("scorer"))) {
            JudgeAgreement.of(b.get(), first, r, v).ifPresent(agreements::add);
          }
        }
      }
    }
    return new ReportModel(List.copyOf(runs), tables, reflection, versus, List.copyOf(notCompared), costs, agreements,
        paper, null, Map.of());
  }
}
