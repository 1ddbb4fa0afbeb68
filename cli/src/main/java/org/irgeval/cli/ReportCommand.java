package org.irgeval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.report.ReportWriter;
import org.irgeval.run.Registry;
import org.irgeval.store.SafeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code irg-eval report RUN [RUN ...]}: tables, comparisons, plots and an HTML image browser across runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write report.md, report.html, tables/<benchmark>.csv and plots/ for one or more runs: per benchmark"
        + " the paper's table with a row per run x variant and the settings that explain a mismatch, paired comparisons"
        + " (reflection vs no-reflection; each run vs the first), the cost of reflection, and an image browser."})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories (the first is the baseline).")
  List<Path> runs;

  @Option(names = "--paper", paramLabel = "SOURCE", description = "Show the published rows of SOURCE beside ours (irg).")
  String paper;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN/report for one run; runs/reports/FIRST-vs-LAST for several).")
  Path out;

  @Option(names = "--self-contained", description = "Embed images and plots in report.html (one file to share).")
  boolean selfContained;

  @Option(names = "--trend", paramLabel = "KEY",
      description = "Order the runs by their label KEY (irg-eval run --label KEY=VALUE; 'time' = when each started)"
          + " and plot every column against it, with CIs.")
  String trend;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** One run: its own report/ folder; several: runs/reports/FIRST-vs-LAST, never a folder of the source tree. */
  static Path defaultFolder(List<Path> runs) {
    if (runs.size() == 1) {
      return runs.get(0).resolve("report");
    }
    return Path.of("runs", "reports", name(runs.get(0)) + "-vs-" + name(runs.get(runs.size() - 1)));
  }

  private static String name(Path run) {
    Path n = run.toAbsolutePath().normalize().getFileName();
    return n == null ? "root" : n.toString();
  }

  @Override
  public Integer call() throws Exception {
    OutFolder.check("--out", out);
    OutFolder.refuseSourceModule("--out", out);
    Path dir = out != null ? out : defaultFolder(runs);
    if (out == null && runs.size() == 1) {
      SafeFiles.check(runs.get(0), dir); // a folder of the run: a link there is refused
    }
    var o = spec.commandLine().getOut();
    String key = ReportReuse.key(runs, "report", paper, String.valueOf(selfContained), trend);
    if (ReportReuse.fresh(dir, key, "report.html", "report.md")) {
      o.println("report: " + dir.resolve("report.html").toAbsolutePath() + " (its runs and options are unchanged:"
          + " kept as it was)");
      o.flush();
      return ExitCodes.OK;
    }
    ReportWriter.Written w;
    try {
      java.nio.file.Files.deleteIfExists(dir.resolve(ReportReuse.KEY_FILE));
      w = new ReportWriter(Registry.discover()).writeScored(runs, dir, paper, selfContained, trend);
    } catch (ReportWriter.NothingToReport e) {
      spec.commandLine().getErr().println("irg-eval report: " + e.getMessage());
      return ExitCodes.UNUSABLE_INPUT;
    }
    ReportReuse.record(dir, key);
    w.notes().forEach(n -> spec.commandLine().getErr().println("irg-eval report: note: " + n));
    o.println("report: " + w.html().toAbsolutePath());
    o.println("        " + w.markdown().toAbsolutePath() + ", " + w.tables().size() + " table(s), " + w.plots().size()
        + " plot(s)");
    o.flush();
    return ExitCodes.OK;
  }
}
