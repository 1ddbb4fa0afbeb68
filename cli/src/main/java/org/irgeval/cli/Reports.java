package org.irgeval.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.irgeval.report.ReportWriter;
import org.irgeval.run.Registry;

/** The report every run writes into its directory ({@code report.md}, with the published IRG rows). */
final class Reports {
  void afterRun(Path runDir) throws IOException {
    new ReportWriter(Registry.discover()).writeRunMarkdown(runDir, "irg");
  }
}
