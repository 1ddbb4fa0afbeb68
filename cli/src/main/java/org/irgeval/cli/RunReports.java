package org.irgeval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.report.ReportWriter;
import org.irgeval.report.RunLabels;
import org.irgeval.run.JudgeOpener;
import org.irgeval.run.Registry;
import org.irgeval.run.RunService;
import org.irgeval.store.SafeFiles;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a run directory gets after each session: its labels, and its report — {@code report.md} with the published
 * IRG rows, or for the embedded demo its one full report (tables, comparisons, plots, image browser) in
 * {@code report/} instead (its report.md is the same Markdown).
 */
final class RunReports implements RunService.Aftercare {
  private final Registry registry;

  RunReports(Registry registry) {
    this.registry = registry;
  }

  /** The run service of a command: discovered plugins, the OpenAI-compatible judge, this aftercare. */
  static RunService service(CommandSpec spec) {
    Registry registry = Registry.discover();
    return new RunService(registry, JudgeOpener.OPENAI, spec.commandLine().getErr(), new RunReports(registry));
  }

  @Override
  public Path afterRun(Path runDir, Map<String, String> labels, boolean demo) throws Exception {
    RunLabels.add(runDir, labels);
    if (!demo) {
      return new ReportWriter(registry).writeRunMarkdown(runDir, "irg");
    }
    // a folder of the run: a link there is refused, like any other in a run directory
    SafeFiles.check(runDir, runDir.resolve("report"));
    return new ReportWriter(registry).write(List.of(runDir), runDir.resolve("report"), "irg", false).html();
  }
}
