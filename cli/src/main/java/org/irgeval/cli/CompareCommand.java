package org.irgeval.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.irgeval.report.Comparison;
import org.irgeval.report.Comparisons;
import org.irgeval.report.Gate;
import org.irgeval.report.Markdown;
import org.irgeval.report.RunView;
import org.irgeval.run.Registry;
import org.irgeval.stats.StratifiedBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code irg-eval compare BASE CAND}: the checkpoint regression gate. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare a candidate run with a baseline run, per benchmark, on the prompts both scored (paired"
        + " bootstrap with the benchmark's own aggregation, McNemar where images are right/wrong, Holm across"
        + " benchmarks).",
        "Exit 0: no benchmark is significantly worse than allowed; 1: at least one is; 2: nothing could be compared."})
public final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BASE", description = "Baseline run directory.")
  Path base;

  @Parameters(index = "1", paramLabel = "CAND", description = "Candidate run directory.")
  Path cand;

  @Option(names = "--max-drop", defaultValue = "0.01", paramLabel = "FRACTION",
      description = "Allowed drop of the overall, as a fraction of each benchmark's full scale. Default: ${DEFAULT-VALUE}.")
  double maxDrop;

  @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level after Holm. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--benchmarks", split = ",", paramLabel = "LIST", description = "Only these benchmarks.")
  List<String> benchmarks;

  @Option(names = "--variant", paramLabel = "NAME", description = "Variant compared (default: the last both runs have, e.g. reflection).")
  String variant;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|markdown",
      description = "markdown: a summary fit for a pull-request comment. Default: ${DEFAULT-VALUE}.")
  String format;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("markdown")) {
      err.println("irg-eval compare: --format must be text or markdown");
      return Gate.UNUSABLE;
    }
    if (!(maxDrop >= 0) || !(alpha > 0 && alpha < 1)) {
      err.println("irg-eval compare: --max-drop must be >= 0 and --alpha in (0, 1)");
      return Gate.UNUSABLE;
    }
    RunView a;
    RunView b;
    try {
      a = RunView.read(base, "base");
      b = RunView.read(cand, "candidate");
      // a torn last line is left out: said, never silently
      a.snapshot().notes().forEach(n -> err.println("irg-eval compare: note: " + n));
      b.snapshot().notes().forEach(n -> err.println("irg-eval compare: note: " + n));
    } catch (Exception e) {
      err.println("irg-eval compare: " + e.getMessage());
      return Gate.UNUSABLE;
    }
    Gate.Outcome o = new Gate(Registry.discover(), new Comparisons(new StratifiedBootstrap(1000, 20250906L)))
        .run(a, b, variant, benchmarks, maxDrop, alpha);
    boolean md = format.equals("markdown");
    if (md) {
      out.println("### irg-eval compare: " + (o.code() == Gate.PASS ? "pass" : o.code() == Gate.FAIL ? "**regression**"
          : "nothing comparable") + "\n");
      out.println("| benchmark | variant | prompts | base | candidate | Δ | 95% CI | p (two-sided) | p worse than"
          + " -" + fmt(maxDrop) + " × scale (Holm) | McNemar p | fixed | broken | verdict |");
      out.println("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|");
    } else {
      out.printf(Locale.ROOT, "%-12s %-14s %7s %9s %9s %9s %-21s %8s %8s %8s %6s %6s %s%n", "benchmark", "variant",
          "prompts", "base", "cand", "delta", "95% CI", "p", "p_worse", "mcnemar", "fixed", "broken", "verdict");
    }
    for (Gate.Verdict v : o.verdicts()) {
      Comparison c = v.comparison();
      String variantName = c.base().substring(c.base().lastIndexOf(" / ") + 3);
      String verdict = v.failed() ? "FAIL" : "ok";
      String mc = c.mcnemar() == null ? "-" : fmt(c.mcnemar().pValue());
      if (md) {
        out.println("| " + Markdown.escape(c.benchmark()) + " | " + Markdown.escape(variantName) + " | " + c.prompts()
            + " | " + fmt(c.baseValue()) + " | " + fmt(c.candValue()) + " | " + signed(c.delta()) + " | ["
            + signed(c.ci95()[0]) + ", " + signed(c.ci95()[1]) + "] | " + fmt(c.pValue()) + " | " + fmt(v.pAdjusted())
            + " | " + mc + " | " + c.fixed() + " | " + c.broken() + " | " + (v.failed() ? "**FAIL**" : "ok") + " |");
      } else {
        out.printf(Locale.ROOT, "%-12s %-14s %7d %9s %9s %9s %-21s %8s %8s %8s %6d %6d %s%n", c.benchmark(),
            variantName, c.prompts(), fmt(c.baseValue()), fmt(c.candValue()), signed(c.delta()),
            "[" + signed(c.ci95()[0]) + ", " + signed(c.ci95()[1]) + "]", fmt(c.pValue()), fmt(v.pAdjusted()), mc,
            c.fixed(), c.broken(), verdict);
      }
    }
    for (String s : o.skipped()) {
      (md ? out : err).println((md ? "- skipped: " + Markdown.escape(s) : "skipped: " + s));
    }
    if (o.code() == Gate.UNUSABLE) {
      err.println("irg-eval compare: no benchmark could be compared");
    }
    out.flush();
    err.flush();
    return o.code();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.4f", v);
  }
}
