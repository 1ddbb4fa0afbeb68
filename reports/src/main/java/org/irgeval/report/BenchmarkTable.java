package org.irgeval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PaperTable;
import org.irgeval.store.record.Summary;

/**
 * One benchmark's table across runs, in the paper's layout: a row per run × variant, the published rows beside
 * them, and for every row the settings that explain a mismatch. Rows whose settings differ from the first row's are
 * flagged with the differing keys, never silently put in one column.
 *
 * @param benchmark benchmark id
 * @param title     the paper's name of the benchmark
 * @param columns   the paper's columns
 * @param scale     multiply our values by this to print on the paper's scale
 * @param digits    decimals the paper prints
 * @param rows      our rows
 * @param paperRows published rows (empty without {@code --paper})
 * @param paper     the source of the published rows ("irg"), or null
 */
public record BenchmarkTable(String benchmark, String title, List<PaperTable.Column> columns, double scale,
                             int digits, List<Row> rows, List<PaperTable.PaperRow> paperRows, String paper) {
  /**
   * @param run      run label
   * @param variant  variant
   * @param values   values by column key (null = no data), on our scale
   * @param ci95     the overall's CI, or null
   * @param prompts  prompts scored
   * @param images   images scored
   * @param failures counted failures
   * @param settings the recorded settings
   * @param differs  keys of settings that differ from the first row's
   * @param plumbing the run is a plumbing check
   * @param columnCi95 per category column, its stratified bootstrap 95% CI (absent: none recorded, e.g. a summary
   *                   written before {@code categories_ci95} existed)
   */
  public record Row(String run, String variant, Map<String, Double> values, double[] ci95, int prompts, int images,
                    int failures, Map<String, String> settings, List<String> differs, boolean plumbing,
                    Map<String, double[]> columnCi95) {}

  /** Builds the table of {@code benchmark} over the runs that scored it. */
  public static BenchmarkTable of(String benchmark, Optional<Benchmark> adapter, List<RunView> runs, String paper) {
    PaperTable pt = adapter.map(Benchmark::paperTable).orElse(null);
    List<PaperTable.Column> cols = pt != null ? pt.columns() : List.of(new PaperTable.Column("Overall", "overall"));
    List<Row> rows = new ArrayList<>();
    Map<String, String> first = null;
    for (RunView r : runs) {
      if (!r.benchmarks().contains(benchmark)) {
        continue;
      }
      Map<String, String> settings = r.settings(benchmark);
      if (first == null) {
        first = settings;
      }
      List<String> differs = new ArrayList<>();
      TreeSet<String> keys = new TreeSet<>(first.keySet());
      keys.addAll(settings.keySet());
      for (String k : keys) {
        if (!Objects.equals(first.get(k), settings.get(k))) {
          differs.add(k);
        }
      }
      for (String v : r.variants(benchmark)) {
        Summary.VariantEntry o = r.variantSummary(benchmark, v);
        Map<String, Double> values = new LinkedHashMap<>();
        for (PaperTable.Column c : cols) {
          values.put(c.key(), "overall".equals(c.key()) ? o.overall() : o.categoriesOrEmpty().get(c.key()));
        }
        Map<String, double[]> columnCis = new LinkedHashMap<>();
        for (PaperTable.Column c : cols) {
          double[] ci = o.categoriesCi95() == null ? null : pair(o.categoriesCi95().get(c.key()));
          if (!"overall".equals(c.key()) && ci != null) {
            columnCis.put(c.key(), ci);
          }
        }
        rows.add(new Row(r.label(), v, values, pair(o.ci95()), o.nPrompts(), o.nImages(), o.failuresOrZero(),
            settings, differs, r.plumbing(), columnCis));
      }
    }
    List<PaperTable.PaperRow> published = pt != null && paper != null ? pt.rows().getOrDefault(paper, List.of())
        : List.of();
    return new BenchmarkTable(benchmark, adapter.map(Benchmark::title).orElse(benchmark), cols,
        pt != null ? pt.scale() : 1, pt != null ? pt.digits() : 3, rows, published, paper);
  }

  private static double[] pair(List<Double> ci) {
    return ci != null && ci.size() == 2 && ci.get(0) != null && ci.get(1) != null
        ? new double[] {ci.get(0), ci.get(1)} : null;
  }

  /** Whether some row has a CI for a category column. */
  public boolean hasColumnCis() {
    return rows.stream().anyMatch(r -> !r.columnCi95().isEmpty());
  }

  /** A CI on the paper's scale, "[low, high]", or "n/a". */
  public String formatCi(double[] ci) {
    return ci == null ? "n/a" : "[" + format(ci[0]) + ", " + format(ci[1]) + "]";
  }

  /** A value on the paper's scale with the paper's digits, or "–". */
  public String format(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v * scale);
  }

  /**
   * Whether a published number lies inside our CI of the overall (at our sample size): the reproduction verdict.
   * Empty when there is no overall column, no published overall, or no CI.
   */
  public Optional<Boolean> reproduces(Row ours, PaperTable.PaperRow published) {
    Double p = published.values().get("overall");
    if (p == null || ours.ci95() == null || !ours.values().containsKey("overall")) {
      return Optional.empty();
    }
    return Optional.of(p >= ours.ci95()[0] - 1e-12 && p <= ours.ci95()[1] + 1e-12);
  }
}
