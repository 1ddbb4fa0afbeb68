package org.irgeval.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.report.ReportBlock.Cell;
import org.irgeval.report.ReportBlock.Column;
import org.irgeval.report.ReportBlock.Heading;
import org.irgeval.report.ReportBlock.Notes;
import org.irgeval.report.ReportBlock.Paragraph;
import org.irgeval.report.ReportBlock.Row;
import org.irgeval.report.ReportBlock.Table;

/**
 * The content of a report, for one run or many, built once from a {@link ReportModel}: the runs and how they
 * were made, then per benchmark its table in the paper's columns (with the published rows and the reproduction
 * verdict), the notes of the official rules, the paired comparisons, the cost of reflection and the judges'
 * agreement. Markdown and HTML render exactly this.
 *
 * @param header   the title and the runs
 * @param sections one per benchmark, in the model's order
 */
public record ReportContent(List<ReportBlock> header, List<Section> sections) {
  /** A benchmark's blocks (the HTML adds its plots and image browsers after them). */
  public record Section(String benchmark, List<ReportBlock> blocks) {}

  public static ReportContent of(ReportModel m) {
    List<ReportBlock> header = new ArrayList<>();
    header.add(new Heading(1, m.runs().size() == 1 ? "irg-eval report: " + m.runs().get(0).label()
        : "irg-eval report"));
    for (RunView r : m.runs()) {
      if (r.plumbing()) {
        header.add(new Paragraph(r.label() + ": " + r.facts().notice(), true));
      }
    }
    header.add(runs(m.runs()));
    List<String> notScored = new ArrayList<>();
    m.runs().forEach(r -> r.notScored().forEach((b, why) -> notScored.add(r.label() + ": " + b + " not scored: "
        + why)));
    if (!notScored.isEmpty()) {
      header.add(new Notes(notScored));
    }
    List<Section> sections = new ArrayList<>();
    for (BenchmarkTable t : m.tables()) {
      List<ReportBlock> b = new ArrayList<>();
      b.add(new Heading(2, t.title()));
      b.add(table(t));
      if (t.hasColumnCis()) {
        b.add(new Paragraph("95% CIs of the columns (stratified bootstrap over prompts, then images, with the"
            + " official aggregation in every replicate):", false));
        b.add(columnCis(t));
      }
      List<String> notes = notes(t, m.runs());
      notes.addAll(recordedEffects(t, m));
      m.notCompared().stream().filter(n -> n.benchmark().equals(t.benchmark()))
          .forEach(n -> notes.add("not compared: " + n.what() + ": " + n.why()));
      if (!t.rows().isEmpty()) {
        ReportPlots.overallWithheld(t).ifPresent(notes::add);
      }
      if (!notes.isEmpty()) {
        b.add(new Notes(notes));
      }
      if (m.trend() != null) {
        trend(b, t, m);
      } else if (m.runs().size() > 1) {
        leaderboard(b, t);
      }
      comparisons(b, "Reflection: later turns vs no-reflection (paired, same prompts)", t, m.reflection());
      comparisons(b, "Runs vs the first run (paired on common prompts)", t, m.versus());
      costs(b, t, m.costs());
      agreements(b, t, m.agreements());
      sections.add(new Section(t.benchmark(), b));
    }
    return new ReportContent(header, sections);
  }

  private static Table runs(List<RunView> runs) {
    List<Row> rows = new ArrayList<>();
    for (RunView r : runs) {
      RunView.Facts f = r.facts();
      rows.add(new Row("", List.of(Cell.of(r.label() + (r.plumbing() ? " (plumbing)" : "")), Cell.of(f.harness()),
          Cell.of(f.pipeline()), Cell.of(f.preset()), Cell.of(f.turns()), Cell.of(f.seed()),
          Cell.of(String.join(", ", f.judgeModels())))));
    }
    return new Table("runs", List.of(new Column("Run", false), new Column("harness", false),
        new Column("pipeline", false), new Column("preset", false), new Column("turns", true),
        new Column("seed", true), new Column("judge models", false)), rows);
  }

  static Table table(BenchmarkTable t) {
    List<Column> cols = new ArrayList<>(List.of(new Column("Run", false), new Column("Variant", false)));
    t.columns().forEach(c -> cols.add(new Column(c.header(), true)));
    cols.addAll(List.of(new Column("95% CI", false), new Column("prompts", true), new Column("images", true),
        new Column("failures", true), new Column("settings", false)));
    List<Row> rows = new ArrayList<>();
    for (BenchmarkTable.Row r : t.rows()) {
      List<Cell> cells = new ArrayList<>(List.of(Cell.of(r.run() + (r.plumbing() ? " (plumbing)" : "")),
          Cell.of(r.variant())));
      t.columns().forEach(c -> cells.add(Cell.num(t.format(r.values().get(c.key())))));
      cells.add(Cell.num(t.formatCi(r.ci95())));
      cells.addAll(List.of(Cell.num("" + r.prompts()), Cell.num("" + r.images()), Cell.num("" + r.failures())));
      String settings = settingsText(r.settings());
      cells.add(r.differs().isEmpty() ? Cell.of(settings)
          : Cell.strong("differs: " + String.join(", ", r.differs()) + "; " + settings));
      rows.add(new Row(r.differs().isEmpty() ? "" : "differs", cells));
    }
    for (PaperTable.PaperRow p : t.paperRows()) {
      List<Cell> cells = new ArrayList<>(List.of(Cell.of(p.label()), Cell.of("paper")));
      t.columns().forEach(c -> cells.add(Cell.num(t.format(p.values().get(c.key())))));
      cells.addAll(List.of(Cell.of(""), Cell.of(""), Cell.of(""), Cell.of(""), Cell.of(p.source())));
      rows.add(new Row("paper", cells));
    }
    if (!t.paperRows().isEmpty()) {
      PaperTable.PaperRow ref = t.paperRows().get(0);
      for (BenchmarkTable.Row r : t.rows()) {
        List<Cell> cells = new ArrayList<>(List.of(Cell.of("Δ " + r.run() + " − " + ref.label()),
            Cell.of(r.variant())));
        for (PaperTable.Column c : t.columns()) {
          Double ours = r.values().get(c.key());
          Double theirs = ref.values().get(c.key());
          cells.add(Cell.num(ours == null || theirs == null ? "–" : signed(t, ours - theirs)));
        }
        cells.addAll(List.of(Cell.of(""), Cell.of(""), Cell.of(""), Cell.of(""), Cell.of(verdict(t, r, ref))));
        rows.add(new Row("delta", cells));
      }
    }
    return new Table("scores", cols, rows);
  }

  /** Runs ranked by the overall of their final variant (their last turn), highest first; no overall last. */
  private static void leaderboard(List<ReportBlock> out, BenchmarkTable t) {
    Map<String, BenchmarkTable.Row> last = new LinkedHashMap<>();
    t.rows().forEach(r -> last.put(r.run(), r));
    if (last.size() < 2) {
      return;
    }
    List<BenchmarkTable.Row> ranked = new ArrayList<>(last.values());
    ranked.sort(Comparator.comparing((BenchmarkTable.Row r) -> r.values().get("overall"),
        Comparator.nullsLast(Comparator.reverseOrder())));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      BenchmarkTable.Row r = ranked.get(i);
      rows.add(new Row(r.differs().isEmpty() ? "" : "differs", List.of(Cell.num("" + (i + 1)),
          Cell.of(r.run() + (r.plumbing() ? " (plumbing)" : "")), Cell.of(r.variant()),
          Cell.num(t.format(r.values().get("overall"))), Cell.num(t.formatCi(r.ci95())), Cell.num("" + r.prompts()),
          r.differs().isEmpty() ? Cell.of("") : Cell.strong("differs: " + String.join(", ", r.differs())))));
    }
    out.add(new Heading(3, "Leaderboard (each run's final variant, by overall)"));
    out.add(new Table("cmp", List.of(new Column("rank", true), new Column("Run", false), new Column("Variant", false),
        new Column("Overall", true), new Column("95% CI", false), new Column("prompts", true),
        new Column("settings", false)), rows));
  }

  /** Every row in the order of the trend label, with the change of the overall from the run before. */
  private static void trend(List<ReportBlock> out, BenchmarkTable t, ReportModel m) {
    List<Row> rows = new ArrayList<>();
    Map<String, Double> previous = new HashMap<>();
    for (BenchmarkTable.Row r : t.rows()) {
      Double v = r.values().get("overall");
      Double before = previous.get(r.variant());
      List<Cell> cells = new ArrayList<>(List.of(Cell.of(m.trendValues().get(r.run())),
          Cell.of(r.run() + (r.plumbing() ? " (plumbing)" : "")), Cell.of(r.variant())));
      t.columns().forEach(c -> cells.add(Cell.num(t.format(r.values().get(c.key())))));
      cells.add(Cell.num(t.formatCi(r.ci95())));
      cells.add(Cell.num(v == null || before == null ? "–" : signed(t, v - before)));
      rows.add(new Row("", cells));
      if (v != null) {
        previous.put(r.variant(), v);
      }
    }
    List<Column> cols = new ArrayList<>(List.of(new Column(m.trend(), false), new Column("Run", false),
        new Column("Variant", false)));
    t.columns().forEach(c -> cols.add(new Column(c.header(), true)));
    cols.add(new Column("95% CI", false));
    cols.add(new Column("Δ overall vs previous", true));
    out.add(new Heading(3, "Trend over " + m.trend()));
    out.add(new Table("cmp", cols, rows));
  }

  private static Table columnCis(BenchmarkTable t) {
    List<Column> cols = new ArrayList<>(List.of(new Column("Run", false), new Column("Variant", false)));
    t.columns().forEach(c -> cols.add(new Column(c.header(), false)));
    List<Row> rows = new ArrayList<>();
    for (BenchmarkTable.Row r : t.rows()) {
      List<Cell> cells = new ArrayList<>(List.of(Cell.of(r.run()), Cell.of(r.variant())));
      t.columns().forEach(c -> cells.add(Cell.num(t.formatCi("overall".equals(c.key()) ? r.ci95()
          : r.columnCi95().get(c.key())))));
      rows.add(new Row("", cells));
    }
    return new Table("scores", cols, rows);
  }

  /**
   * The notes of every row (the official rules' caveats, e.g. a withheld overall), and for a withheld overall the
   * labelled preview that comparisons use instead, so a "–" always has its reason next to it.
   */
  private static List<String> notes(BenchmarkTable t, List<RunView> runs) {
    List<String> out = new ArrayList<>();
    for (RunView r : runs) {
      if (!r.benchmarks().contains(t.benchmark())) {
        continue;
      }
      for (String v : r.variants(t.benchmark())) {
        String who = r.label() + " / " + v + ": ";
        r.preview(t.benchmark(), v).ifPresent(p -> out.add(who + "the official overall is withheld (see the notes);"
            + " preview on the scored prompts only: " + t.format(p)));
        r.notes(t.benchmark(), v).forEach(n -> out.add(who + n));
      }
    }
    return out;
  }

  /**
   * The reflection effects a run's summary recorded, where the report could not recompute them (a run without its
   * recorded prompt sets): otherwise the comparison table below shows the same test.
   */
  private static List<String> recordedEffects(BenchmarkTable t, ReportModel m) {
    List<String> out = new ArrayList<>();
    for (RunView r : m.runs()) {
      boolean compared = m.reflection().stream().anyMatch(c -> c.benchmark().equals(t.benchmark())
          && c.base().startsWith(r.label() + " / "));
      if (compared || !r.benchmarks().contains(t.benchmark())) {
        continue;
      }
      for (RunView.Effect e : r.effects(t.benchmark())) {
        out.add(r.label() + ": " + e.variant() + " vs " + e.versus() + " on the overall: " + signed(t, e.delta())
            + " [" + signed(t, e.low()) + ", " + signed(t, e.high()) + "] (paired bootstrap 95% CI over the same"
            + " prompts, recorded in summary.json, " + (e.p() == 0 ? "p < 0.001" : "p = " + p(e.p())) + ")");
      }
    }
    return out;
  }

  private static String verdict(BenchmarkTable t, BenchmarkTable.Row r, PaperTable.PaperRow ref) {
    return t.reproduces(r, ref).map(ok -> ok ? "published overall inside our 95% CI"
        : "published overall outside our 95% CI; recorded settings: " + settingsText(r.settings())).orElse("");
  }

  private static String settingsText(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(sb.length() > 0 ? "; " : "").append(k).append('=').append(v));
    return sb.toString();
  }

  static String signed(BenchmarkTable t, double v) {
    return String.format(Locale.ROOT, "%+." + t.digits() + "f", v * t.scale());
  }

  private static void comparisons(List<ReportBlock> out, String title, BenchmarkTable t, List<Comparison> all) {
    List<Comparison> cs = all.stream().filter(c -> c.benchmark().equals(t.benchmark())).toList();
    if (cs.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (Comparison c : cs) {
      rows.add(new Row("", List.of(Cell.of(c.base()), Cell.of(c.candidate()), Cell.num("" + c.prompts()),
          Cell.num(signed(t, c.delta())), Cell.num("[" + signed(t, c.ci95()[0]) + ", " + signed(t, c.ci95()[1]) + "]"),
          Cell.num(p(c.pValue())), Cell.num(c.mcnemar() == null ? "–" : p(c.mcnemar().pValue())),
          Cell.num("" + c.fixed()), Cell.num("" + c.broken()))));
    }
    out.add(new Heading(3, title));
    out.add(new Table("cmp", List.of(new Column("Base", false), new Column("Candidate", false),
        new Column("prompts", true), new Column("Δ overall", true), new Column("95% CI", false),
        new Column("p", true), new Column("McNemar p", true), new Column("fixed", true),
        new Column("broken", true)), rows));
  }

  private static void costs(List<ReportBlock> out, BenchmarkTable t, List<ReportModel.Cost> all) {
    List<ReportModel.Cost> cs = all.stream().filter(c -> c.benchmark().equals(t.benchmark())).toList();
    if (cs.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (ReportModel.Cost c : cs) {
      rows.add(new Row("", List.of(Cell.of(c.run()), Cell.num("" + c.stages().trajectories()),
          Cell.num(String.format(Locale.ROOT, "%.1f", c.stages().firstTurnSeconds())),
          Cell.num(String.format(Locale.ROOT, "%.1f", c.stages().reflectionSeconds())),
          Cell.num(c.gain() == null ? "–" : signed(t, c.gain())),
          Cell.num(c.gainPerGpuHour() == null ? "–" : signed(t, c.gainPerGpuHour())))));
    }
    out.add(new Heading(3, "Cost of reflection"));
    out.add(new Table("cmp", List.of(new Column("Run", false), new Column("trajectories", true),
        new Column("turn 1 s", true), new Column("later turns s", true), new Column("gain", true),
        new Column("gain per extra GPU-hour", true)), rows));
  }

  private static void agreements(List<ReportBlock> out, BenchmarkTable t, List<JudgeAgreement> all) {
    List<JudgeAgreement> as = all.stream().filter(a -> a.benchmark().equals(t.benchmark())).toList();
    if (as.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (JudgeAgreement a : as) {
      StringBuilder per = new StringBuilder();
      a.perCategory().forEach((k, v) -> per.append(per.length() > 0 ? "; " : "").append(k).append(' ')
          .append(kappa(v)));
      rows.add(new Row("", List.of(Cell.of(a.a()), Cell.of(a.judgeA()), Cell.of(a.b()), Cell.of(a.judgeB()),
          Cell.num("" + a.answers()), Cell.num(kappa(a.kappa())), Cell.of(per.toString()))));
    }
    out.add(new Heading(3, "Judge agreement (Cohen's kappa on the same images)"));
    out.add(new Table("cmp", List.of(new Column("A", false), new Column("judge A", false), new Column("B", false),
        new Column("judge B", false), new Column("answers", true), new Column("kappa", true),
        new Column("per category", false)), rows));
  }

  static String kappa(double k) {
    return Double.isNaN(k) ? "–" : String.format(Locale.ROOT, "%.3f", k);
  }

  static String p(double p) {
    return Double.isNaN(p) ? "–" : p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
