package org.irgeval.report;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The gate's outcome as a console table (verdicts on standard output, what was skipped or refused on standard
 * error) or as Markdown for a pull-request comment. Every line names the benchmark and the variant; a verdict made
 * under {@code --allow-setting-change} says what changed.
 */
public final class GateText {
  private GateText() {}

  public static void text(Gate.Outcome o, PrintWriter out, PrintWriter err) {
    if (!o.verdicts().isEmpty()) {
      out.printf(Locale.ROOT, "%-12s %-14s %7s %9s %9s %9s %-21s %8s %8s %8s %6s %6s %s%n", "benchmark", "variant",
        "prompts", "base", "cand", "delta", "95% CI", "p", "p_worse", "mcnemar", "fixed", "broken", "verdict");
    }
    for (Gate.Verdict v : o.verdicts()) {
      Comparison c = v.comparison();
      out.printf(Locale.ROOT, "%-12s %-14s %7d %9s %9s %9s %-21s %8s %8s %8s %6d %6d %s%s%n", c.benchmark(),
          v.variant(), c.prompts(), fmt(c.baseValue()), fmt(c.candValue()), signed(c.delta()), ci(c),
          fmt(c.pValue()), fmt(v.pAdjusted()), mcnemar(c), c.fixed(), c.broken(), v.failed() ? "FAIL" : "ok",
          v.changes().isEmpty() ? "" : "  (changed: " + String.join("; ", v.changes()) + ")");
    }
    o.skipped().forEach(s -> err.println("skipped: " + s));
    o.reasons().forEach(s -> err.println("irg-eval compare: " + s));
  }

  public static void markdown(Gate.Outcome o, double maxDrop, PrintWriter out) {
    out.println("### irg-eval compare: " + (o.code() == Gate.PASS ? "pass" : o.code() == Gate.FAIL
        ? "**regression**" : "no verdict") + "\n");
    if (!o.verdicts().isEmpty()) {
      out.println("| benchmark | variant | prompts | base | candidate | Δ | 95% CI | p (two-sided) | p worse than -"
          + fmt(maxDrop) + " × scale (Holm) | McNemar p | fixed | broken | verdict | settings changed |");
      out.println("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|");
    }
    for (Gate.Verdict v : o.verdicts()) {
      Comparison c = v.comparison();
      out.println("| " + Markdown.escape(c.benchmark()) + " | " + Markdown.escape(v.variant()) + " | " + c.prompts()
          + " | " + fmt(c.baseValue()) + " | " + fmt(c.candValue()) + " | " + signed(c.delta()) + " | " + ci(c)
          + " | " + fmt(c.pValue()) + " | " + fmt(v.pAdjusted()) + " | " + mcnemar(c) + " | " + c.fixed() + " | "
          + c.broken() + " | " + (v.failed() ? "**FAIL**" : "ok") + " | "
          + Markdown.escape(String.join("; ", v.changes())) + " |");
    }
    out.println();
    o.reasons().forEach(s -> out.println("- " + Markdown.escape(s)));
    o.skipped().forEach(s -> out.println("- skipped: " + Markdown.escape(s)));
  }

  private static String ci(Comparison c) {
    return "[" + signed(c.ci95()[0]) + ", " + signed(c.ci95()[1]) + "]";
  }

  private static String mcnemar(Comparison c) {
    return c.mcnemar() == null ? "-" : fmt(c.mcnemar().pValue());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.4f", v);
  }
}
