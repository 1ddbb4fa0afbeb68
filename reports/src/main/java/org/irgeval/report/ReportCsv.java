package org.irgeval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.irgeval.api.PaperTable;

/** One benchmark's table as CSV (RFC 4180 quoting), values on the paper's scale at full precision. */
public final class ReportCsv {
  public String render(BenchmarkTable t) {
    List<String> header = new ArrayList<>(List.of("run", "variant"));
    t.columns().forEach(c -> header.add(c.key()));
    header.addAll(List.of("ci95_low", "ci95_high", "prompts", "images", "failures", "plumbing", "settings",
        "differs", "source"));
    // The category columns' CIs come last, so the columns before keep their positions.
    List<PaperTable.Column> cats = t.columns().stream().filter(c -> !c.key().equals("overall")).toList();
    cats.forEach(c -> header.addAll(List.of(c.key() + "_ci95_low", c.key() + "_ci95_high")));
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    for (BenchmarkTable.Row r : t.rows()) {
      List<String> cells = new ArrayList<>(List.of(r.run(), r.variant()));
      t.columns().forEach(c -> cells.add(num(t, r.values().get(c.key()))));
      cells.add(r.ci95() == null ? "" : num(t, r.ci95()[0]));
      cells.add(r.ci95() == null ? "" : num(t, r.ci95()[1]));
      cells.addAll(List.of(Integer.toString(r.prompts()), Integer.toString(r.images()), Integer.toString(r.failures()),
          Boolean.toString(r.plumbing()), r.settings().toString(), String.join(";", r.differs()), "ours"));
      for (PaperTable.Column c : cats) {
        double[] ci = r.columnCi95().get(c.key());
        cells.add(ci == null ? "" : num(t, ci[0]));
        cells.add(ci == null ? "" : num(t, ci[1]));
      }
      line(sb, cells);
    }
    for (PaperTable.PaperRow p : t.paperRows()) {
      List<String> cells = new ArrayList<>(List.of(p.label(), "paper"));
      t.columns().forEach(c -> cells.add(num(t, p.values().get(c.key()))));
      cells.addAll(List.of("", "", "", "", "", "false", "", "", p.source()));
      cats.forEach(c -> cells.addAll(List.of("", "")));
      line(sb, cells);
    }
    return sb.toString();
  }

  private static String num(BenchmarkTable t, Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%s", v * t.scale());
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i) == null ? "" : cells.get(i);
      sb.append(i > 0 ? "," : "");
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append("\r\n");
  }
}
