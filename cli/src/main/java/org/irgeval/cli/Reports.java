package org.irgeval.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.irgeval.report.MarkdownReport;
import org.irgeval.run.Registry;

/** The reports every run writes into its directory. */
final class Reports {
  void afterRun(Path runDir) throws IOException {
    new MarkdownReport(Registry.discover()).write(runDir, runDir.resolve("report.md"), "irg");
  }
}
