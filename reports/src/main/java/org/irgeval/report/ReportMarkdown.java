package org.irgeval.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.PaperTable;

/** The cross-run report as Markdown (every user string escaped by {@link Markdown#escape}). */
public final class ReportMarkdown {
  public String render(ReportModel m) {
    StringBuilder md = new StringBuilder("# irg-eval report\n\n");
    md.append("Runs: ");
    for (int i = 0; i < m.runs().size(); i++) {
      RunView r = m.runs().get(i);
      md.append(i > 0 ? ", " : "").append('`').append(Markdown.escape(r.label())).append('`');
      if (r.plumbing()) {
        md.append(" (**plumbing check, not a model's score**)");
      }
    }
    md.append("\n\n");
    for (BenchmarkTable t : m.tables()) {
      table(md, t);
      comparisons(md, "Reflection: later turns vs no-reflection (paired, same prompts)", t.benchmark(), t,
          m.reflection());
      comparisons(md, "Runs vs the first run (paired on common prompts)", t.benchmark(), t, m.versus());
      costs(md, t, m.costs());
      agreements(md, t, m.agreements());
    }
    return md.toString();
  }

  static void table(StringBuilder md, BenchmarkTable t) {
    md.append("## ").append(Markdown.escape(t.title())).append("\n\n| Run | Variant |");
    t.columns().forEach(c -> md.append(' ').append(Markdown.escape(c.header())).append(" |"));
    md.append(" 95% CI | prompts | images | failures | settings |\n|---|---|");
    t.columns().forEach(c -> md.append("---:|"));
    md.append("---|---:|---:|---:|---|\n");
    for (BenchmarkTable.Row r : t.rows()) {
      md.append("| ").append(Markdown.escape(r.run())).append(r.plumbing() ? " (plumbing)" : "").append(" | ")
          .append(Markdown.escape(r.variant())).append(" |");
      t.columns().forEach(c -> md.append(' ').append(t.format(r.values().get(c.key()))).append(" |"));
      md.append(' ').append(r.ci95() == null ? "n/a" : "[" + t.format(r.ci95()[0]) + ", " + t.format(r.ci95()[1]) + "]")
          .append(" | ").append(r.prompts()).append(" | ").append(r.images()).append(" | ").append(r.failures())
          .append(" | ").append(settings(r)).append(" |\n");
    }
    for (PaperTable.PaperRow p : t.paperRows()) {
      md.append("| ").append(Markdown.escape(p.label())).append(" | paper |");
      t.columns().forEach(c -> md.append(' ').append(t.format(p.values().get(c.key()))).append(" |"));
      md.append(" | | | | ").append(Markdown.escape(p.source())).append(" |\n");
    }
    if (!t.paperRows().isEmpty() && !t.rows().isEmpty()) {
      PaperTable.PaperRow ref = t.paperRows().get(0);
      for (BenchmarkTable.Row r : t.rows()) {
        md.append("| Δ ").append(Markdown.escape(r.run())).append(" − ").append(Markdown.escape(ref.label()))
            .append(" | ").append(Markdown.escape(r.variant())).append(" |");
        for (PaperTable.Column c : t.columns()) {
          Double ours = r.values().get(c.key());
          Double theirs = ref.values().get(c.key());
          md.append(' ').append(ours == null || theirs == null ? "–" : signed(t, ours - theirs)).append(" |");
        }
        md.append(" | | | | ").append(verdict(t, r, ref)).append(" |\n");
      }
    }
    md.append('\n');
  }

  private static String verdict(BenchmarkTable t, BenchmarkTable.Row r, PaperTable.PaperRow ref) {
    return t.reproduces(r, ref).map(ok -> ok ? "published overall inside our 95% CI"
        : "published overall outside our 95% CI; recorded settings: " + settingsText(r.settings())).orElse("");
  }

  private static String settings(BenchmarkTable.Row r) {
    String s = settingsText(r.settings());
    return r.differs().isEmpty() ? s : "**differs: " + Markdown.escape(String.join(", ", r.differs())) + "**; " + s;
  }

  private static String settingsText(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(sb.length() > 0 ? "; " : "").append(Markdown.escape(k)).append('=')
        .append(Markdown.escape(v)));
    return sb.toString();
  }

  static String signed(BenchmarkTable t, double v) {
    return String.format(Locale.ROOT, "%+." + t.digits() + "f", v * t.scale());
  }

  private static void comparisons(StringBuilder md, String title, String benchmark, BenchmarkTable t,
                                  List<Comparison> all) {
    List<Comparison> cs = all.stream().filter(c -> c.benchmark().equals(benchmark)).toList();
    if (cs.isEmpty()) {
      return;
    }
    md.append("### ").append(title).append("\n\n| Base | Candidate | prompts | Δ overall | 95% CI | p | McNemar p |"
        + " fixed | broken |\n|---|---|---:|---:|---|---:|---:|---:|---:|\n");
    for (Comparison c : cs) {
      md.append("| ").append(Markdown.escape(c.base())).append(" | ").append(Markdown.escape(c.candidate()))
          .append(" | ").append(c.prompts()).append(" | ").append(signed(t, c.delta())).append(" | [")
          .append(signed(t, c.ci95()[0])).append(", ").append(signed(t, c.ci95()[1])).append("] | ")
          .append(p(c.pValue())).append(" | ").append(c.mcnemar() == null ? "–" : p(c.mcnemar().pValue()))
          .append(" | ").append(c.fixed()).append(" | ").append(c.broken()).append(" |\n");
    }
    md.append('\n');
  }

  private static void costs(StringBuilder md, BenchmarkTable t, List<ReportModel.Cost> all) {
    List<ReportModel.Cost> cs = all.stream().filter(c -> c.benchmark().equals(t.benchmark())).toList();
    if (cs.isEmpty()) {
      return;
    }
    md.append("### Cost of reflection\n\n| Run | trajectories | turn 1 s | later turns s | gain | gain per extra GPU-hour |"
        + "\n|---|---:|---:|---:|---:|---:|\n");
    for (ReportModel.Cost c : cs) {
      md.append("| ").append(Markdown.escape(c.run())).append(" | ").append(c.stages().trajectories()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", c.stages().firstTurnSeconds())).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", c.stages().reflectionSeconds())).append(" | ")
          .append(c.gain() == null ? "–" : signed(t, c.gain())).append(" | ")
          .append(c.gainPerGpuHour() == null ? "–" : signed(t, c.gainPerGpuHour())).append(" |\n");
    }
    md.append('\n');
  }

  private static void agreements(StringBuilder md, BenchmarkTable t, List<JudgeAgreement> all) {
    List<JudgeAgreement> as = all.stream().filter(a -> a.benchmark().equals(t.benchmark())).toList();
    if (as.isEmpty()) {
      return;
    }
    md.append("### Judge agreement (Cohen's kappa on the same images)\n\n| A | judge A | B | judge B | answers | kappa |"
        + " per category |\n|---|---|---|---|---:|---:|---|\n");
    for (JudgeAgreement a : as) {
      StringBuilder per = new StringBuilder();
      a.perCategory().forEach((k, v) -> per.append(per.length() > 0 ? "; " : "").append(Markdown.escape(k)).append(' ')
          .append(kappa(v)));
      md.append("| ").append(Markdown.escape(a.a())).append(" | ").append(Markdown.escape(a.judgeA())).append(" | ")
          .append(Markdown.escape(a.b())).append(" | ").append(Markdown.escape(a.judgeB())).append(" | ")
          .append(a.answers()).append(" | ").append(kappa(a.kappa())).append(" | ").append(per).append(" |\n");
    }
    md.append('\n');
  }

  static String kappa(double k) {
    return Double.isNaN(k) ? "–" : String.format(Locale.ROOT, "%.3f", k);
  }

  static String p(double p) {
    return Double.isNaN(p) ? "–" : p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
