package org.irgeval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Variant;
import org.irgeval.store.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The report's plots (XChart), each as PNG and SVG under {@code plots/}: per benchmark the paper columns per run
 * and variant, the overall with its CI, the reflection's gain per column, and where generation time went.
 */
public final class ReportPlots {
  private static final int W = 900;
  private static final int H = 420;

  /** Writes every plot of the model and returns their file stems (relative to {@code dir}), for the HTML. */
  public List<String> write(ReportModel m, Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (BenchmarkTable t : m.tables()) {
      if (t.rows().isEmpty()) {
        continue;
      }
      String stem = "plots/" + safe(t.benchmark());
      save(columns(t), dir, stem + "-columns", out);
      save(overall(t), dir, stem + "-overall", out);
      CategoryChart gain = gain(t);
      if (gain != null) {
        save(gain, dir, stem + "-reflection-gain", out);
      }
      List<ReportModel.Cost> costs = m.costs().stream().filter(c -> c.benchmark().equals(t.benchmark())).toList();
      if (!costs.isEmpty()) {
        save(stages(t, costs), dir, stem + "-stages", out);
      }
    }
    return out;
  }

  private static CategoryChart chart(String title, String y) {
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title(title).yAxisTitle(y).build();
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    c.getStyler().setXAxisLabelRotation(30);
    c.getStyler().setAntiAlias(true);
    return c;
  }

  private static CategoryChart columns(BenchmarkTable t) {
    CategoryChart c = chart(t.title() + ": paper columns per run and variant", "score");
    List<String> x = t.columns().stream().map(PaperTable.Column::header).toList();
    for (BenchmarkTable.Row r : t.rows()) {
      List<Double> y = new ArrayList<>();
      t.columns().forEach(col -> y.add(scaled(t, r.values().get(col.key()))));
      c.addSeries(unique(c, r.run() + " / " + r.variant()), x, y);
    }
    return c;
  }

  /** The overall with its 95% CI; XChart's whiskers are symmetric, so they show the wider side of the CI. */
  private static CategoryChart overall(BenchmarkTable t) {
    CategoryChart c = chart(t.title() + ": overall with 95% CI (whisker = wider side)", "overall");
    List<String> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<Double> e = new ArrayList<>();
    for (BenchmarkTable.Row r : t.rows()) {
      Double v = r.values().containsKey("overall") ? r.values().get("overall") : null;
      x.add(r.run() + " / " + r.variant());
      y.add(scaled(t, v));
      e.add(v == null || r.ci95() == null ? 0.0 : t.scale() * Math.max(v - r.ci95()[0], r.ci95()[1] - v));
    }
    c.addSeries("overall", x, y, e);
    return c;
  }

  private static CategoryChart gain(BenchmarkTable t) {
    Map<String, BenchmarkTable.Row[]> pairs = new LinkedHashMap<>();
    for (BenchmarkTable.Row r : t.rows()) {
      BenchmarkTable.Row[] p = pairs.computeIfAbsent(r.run(), k -> new BenchmarkTable.Row[2]);
      if (r.variant().equals(Variant.NO_REFLECTION)) {
        p[0] = r;
      } else if (r.variant().equals(Variant.REFLECTION)) {
        p[1] = r;
      }
    }
    CategoryChart c = chart(t.title() + ": reflection - no-reflection per column", "gain");
    List<String> x = t.columns().stream().map(PaperTable.Column::header).toList();
    boolean any = false;
    for (Map.Entry<String, BenchmarkTable.Row[]> e : pairs.entrySet()) {
      if (e.getValue()[0] == null || e.getValue()[1] == null) {
        continue;
      }
      List<Double> y = new ArrayList<>();
      for (PaperTable.Column col : t.columns()) {
        Double a = e.getValue()[0].values().get(col.key());
        Double b = e.getValue()[1].values().get(col.key());
        y.add(a == null || b == null ? 0.0 : t.scale() * (b - a));
      }
      c.addSeries(unique(c, e.getKey()), x, y);
      any = true;
    }
    return any ? c : null;
  }

  private static CategoryChart stages(BenchmarkTable t, List<ReportModel.Cost> costs) {
    CategoryChart c = chart(t.title() + ": generation seconds per stage", "seconds");
    c.getStyler().setStacked(true);
    List<String> stages = new ArrayList<>();
    costs.forEach(k -> k.stages().seconds().keySet().forEach(s -> {
      if (!stages.contains(s)) {
        stages.add(s);
      }
    }));
    List<String> x = costs.stream().map(ReportModel.Cost::run).toList();
    for (String s : stages) {
      c.addSeries(s, x, costs.stream().map(k -> k.stages().seconds().getOrDefault(s, 0.0)).toList());
    }
    return c;
  }

  private static Double scaled(BenchmarkTable t, Double v) {
    return v == null ? 0.0 : v * t.scale();
  }

  /** XChart refuses two series of one name. */
  private static String unique(CategoryChart c, String name) {
    String n = name;
    for (int i = 2; c.getSeriesMap().containsKey(n); i++) {
      n = name + " (" + i + ")";
    }
    return n;
  }

  private static void save(Chart<?, ?> chart, Path dir, String stem, List<String> out) throws IOException {
    Path png = dir.resolve(stem + ".png");
    AtomicFiles.write(dir, png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    Path svg = dir.resolve(stem + ".svg");
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, buf, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    AtomicFiles.write(dir, svg, buf.toByteArray());
    out.add(stem);
  }

  static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
