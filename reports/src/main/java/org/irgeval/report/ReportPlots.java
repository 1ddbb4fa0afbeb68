package org.irgeval.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Variant;
import org.irgeval.store.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots (XChart), each as PNG and SVG under {@code plots/}: per benchmark the paper columns per run
 * and variant (published rows as markers), the overall with its true asymmetric CI (published overalls as
 * markers; a reason instead of an empty frame when every overall is withheld), the reflection's gain per column,
 * and where generation time went. A plumbing run is marked in titles and series names.
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
      if (overallWithheld(t).isEmpty()) {
        save(overall(t), dir, stem + "-overall", out);
      }
      if (m.trend() != null) {
        save(trend(t, m), dir, stem + "-trend", out);
      }
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

  /** Our rows as bars (a plumbing run says so in its name), the published rows as markers over them. */
  private static CategoryChart columns(BenchmarkTable t) {
    CategoryChart c = chart(t.title() + ": paper columns per run and variant" + plumbingMark(t), "score");
    List<String> x = t.columns().stream().map(PaperTable.Column::header).toList();
    for (BenchmarkTable.Row r : t.rows()) {
      List<Double> y = new ArrayList<>();
      t.columns().forEach(col -> y.add(scaled(t, r.values().get(col.key()))));
      c.addSeries(unique(c, r.run() + " / " + r.variant() + (r.plumbing() ? " (plumbing)" : "")), x, y);
    }
    for (PaperTable.PaperRow p : t.paperRows()) {
      List<Double> y = new ArrayList<>();
      t.columns().forEach(col -> y.add(scaled(t, p.values().get(col.key()))));
      c.addSeries(unique(c, "published: " + p.label()), x, y)
          .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter)
          .setMarker(SeriesMarkers.DIAMOND);
    }
    return c;
  }

  /**
   * Why a benchmark has no overall plot (the official overall is withheld for every row: each row's notes say why),
   * or empty when it has one. The report shows the reason where the plot would be.
   */
  public static Optional<String> overallWithheld(BenchmarkTable t) {
    boolean any = t.columns().stream().anyMatch(c -> c.key().equals("overall"))
        && t.rows().stream().anyMatch(r -> r.values().get("overall") != null);
    return any ? Optional.empty() : Optional.of("no overall plot: the official overall is"
        + " withheld for every row (see the notes under the table)");
  }

  /**
   * The overall of every row (one point per row, named in the legend) with its true, asymmetric 95% CI drawn as a
   * vertical segment in the point's colour, then the published overalls as diamonds. Rows without an overall are
   * left out and named in the title.
   */
  private static XYChart overall(BenchmarkTable t) {
    List<String> withheld = new ArrayList<>();
    XYChart c = new XYChartBuilder().width(W).height(H + 80).yAxisTitle("overall").build();
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    c.getStyler().setAntiAlias(true);
    c.getStyler().setXAxisTicksVisible(false);
    java.awt.Color[] palette = c.getStyler().getSeriesColors();
    int x = 0;
    for (BenchmarkTable.Row r : t.rows()) {
      Double v = r.values().get("overall");
      String name = r.run() + " / " + r.variant() + (r.plumbing() ? " (plumbing check)" : "");
      if (v == null) {
        withheld.add(name);
        continue;
      }
      x++;
      java.awt.Color color = palette[(x - 1) % palette.length];
      if (r.ci95() != null) {
        XYSeries ci = c.addSeries(unique(c, name + " CI"), new double[] {x, x},
            new double[] {r.ci95()[0] * t.scale(), r.ci95()[1] * t.scale()});
        ci.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
            .setShowInLegend(false);
        ci.setLineColor(color);
      }
      XYSeries point = c.addSeries(unique(c, name), new double[] {x}, new double[] {v * t.scale()});
      point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
          .setMarker(r.plumbing() ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE).setMarkerColor(color);
    }
    for (PaperTable.PaperRow p : t.paperRows()) {
      Double v = p.values().get("overall");
      if (v != null) {
        x++;
        c.addSeries(unique(c, "published: " + p.label()), new double[] {x}, new double[] {v * t.scale()})
            .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND);
      }
    }
    c.setTitle(t.title() + ": overall with 95% CI" + plumbingMark(t)
        + (withheld.isEmpty() ? "" : " (withheld: " + String.join(", ", withheld) + ")"));
    c.getStyler().setXAxisMin(0.5).setXAxisMax(x + 0.5);
    return c;
  }

  /**
   * Every column of every variant against the trend label (its value where every value is a number, else the
   * runs' order), the overall's 95% CI as a segment at each point: the checkpoint-regression picture.
   */
  private static XYChart trend(BenchmarkTable t, ReportModel m) {
    boolean numeric = m.trendValues().values().stream().allMatch(ReportModel::isNumber);
    XYChart c = new XYChartBuilder().width(W).height(H + 80).xAxisTitle(m.trend()
        + (numeric ? "" : " (in order: " + String.join(", ", new LinkedHashSet<>(
            t.rows().stream().map(r -> m.trendValues().get(r.run())).toList())) + ")")).yAxisTitle("score").build();
    c.setTitle(t.title() + ": every column against " + m.trend() + " (grey: 95% CI of the overall)"
        + plumbingMark(t));
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    c.getStyler().setAntiAlias(true);
    List<String> runs = new ArrayList<>(new LinkedHashSet<>(t.rows().stream().map(BenchmarkTable.Row::run)
        .toList()));
    Map<String, List<BenchmarkTable.Row>> byVariant = new LinkedHashMap<>();
    t.rows().forEach(r -> byVariant.computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r));
    for (Map.Entry<String, List<BenchmarkTable.Row>> e : byVariant.entrySet()) {
      for (PaperTable.Column col : t.columns()) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (BenchmarkTable.Row r : e.getValue()) {
          Double v = r.values().get(col.key());
          if (v == null) {
            continue;
          }
          double x = numeric ? Double.parseDouble(m.trendValues().get(r.run())) : runs.indexOf(r.run()) + 1;
          xs.add(x);
          ys.add(v * t.scale());
          if (col.key().equals("overall") && r.ci95() != null) {
            XYSeries ci = c.addSeries(unique(c, e.getKey() + " CI " + r.run()), new double[] {x, x},
                new double[] {r.ci95()[0] * t.scale(), r.ci95()[1] * t.scale()});
            ci.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setShowInLegend(false);
            ci.setLineColor(java.awt.Color.GRAY);
          }
        }
        if (!xs.isEmpty()) {
          c.addSeries(unique(c, e.getKey() + ": " + col.header()), xs, ys);
        }
      }
    }
    return c;
  }

  private static String plumbingMark(BenchmarkTable t) {
    return t.rows().stream().anyMatch(BenchmarkTable.Row::plumbing) ? " [PLUMBING CHECK, not a model's score]" : "";
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
  private static String unique(Chart<?, ?> c, String name) {
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
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, buf, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    AtomicFiles.write(dir, svg, buf.toByteArray());
    out.add(stem);
  }

  static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
