package org.irgeval.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.report.ReportWriter;
import org.irgeval.report.RunLabels;
import org.irgeval.run.JudgeOpener;
import org.irgeval.run.Registry;
import org.irgeval.run.RunService;
import org.irgeval.run.Steps;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a run directory gets after each session: its labels, and its report — {@code report.md} with the published
 * IRG rows, or for the embedded demo its one full report (tables, comparisons, plots, image browser) in
 * {@code report/} instead (its report.md is the same Markdown).
 */
final class RunReports implements RunService.Aftercare {
  private final Registry registry;
  private final PrintWriter err;

  RunReports(Registry registry, PrintWriter err) {
    this.registry = registry;
    this.err = err;
  }

  /** The run service of a command: discovered plugins, the OpenAI-compatible judge, this aftercare. */
  static RunService service(CommandSpec spec) {
    Registry registry = Registry.discover();
    return new RunService(registry, JudgeOpener.OPENAI, spec.commandLine().getErr(),
        new RunReports(registry, spec.commandLine().getErr()));
  }

  /**
   * Labels, then the report, named as a finishing step on stderr; reused when its inputs are unchanged
   * ({@link ReportReuse}): a rerun that changes nothing redoes no bootstrap and no plot.
   */
  @Override
  public Path afterRun(Path runDir, Map<String, String> labels, boolean demo) throws Exception {
    RunLabels.add(runDir, labels);
    if (!demo) {
      return new Steps(err).run("report.md (tables, comparisons)", () -> runMarkdown(runDir),
          ReportReuse.Outcome::said).file();
    }
    // a folder of the run: a link there is refused, like any other in a run directory
    SafeFiles.check(runDir, runDir.resolve("report"));
    return new Steps(err).run("report (tables, comparisons, plots, HTML)",
        () -> ReportReuse.demoReport(new ReportWriter(registry), runDir, runDir.resolve("report")),
        ReportReuse.Outcome::said).file();
  }

  /** {@code RUN/report.md}, its key in {@code RUN/cache/report-md.sha256}. */
  private ReportReuse.Outcome runMarkdown(Path runDir) throws IOException {
    String key = ReportReuse.key(List.of(runDir), "run-md", "irg");
    Path keyFile = runDir.resolve("cache/report-md.sha256");
    if (ReportReuse.fresh(runDir, keyFile, key, "report.md")) {
      return new ReportReuse.Outcome(runDir.resolve("report.md"), true);
    }
    Files.deleteIfExists(keyFile); // a report cut short below must not look current
    Path md = new ReportWriter(registry).writeRunMarkdown(runDir, "irg");
    SafeFiles.createDirectories(runDir, keyFile.getParent());
    AtomicFiles.write(runDir, keyFile, key + "\n");
    return new ReportReuse.Outcome(md, false);
  }
}
