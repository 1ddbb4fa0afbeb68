package org.irgeval.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.report.ReportWriter;
import org.irgeval.run.Registry;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;

/**
 * The report every run writes into its directory ({@code report.md}, with the published IRG rows); reused when its
 * inputs are unchanged ({@link ReportReuse}), its key in {@code cache/report-md.sha256}.
 */
final class Reports {
  ReportReuse.Outcome afterRun(Path runDir) throws IOException {
    String key = ReportReuse.key(List.of(runDir), "run-md", "irg");
    Path keyFile = runDir.resolve("cache/report-md.sha256");
    if (ReportReuse.fresh(runDir, keyFile, key, "report.md")) {
      return new ReportReuse.Outcome(runDir.resolve("report.md"), true);
    }
    Files.deleteIfExists(keyFile);
    new ReportWriter(Registry.discover()).writeRunMarkdown(runDir, "irg");
    SafeFiles.createDirectories(runDir, keyFile.getParent());
    AtomicFiles.write(runDir, keyFile, key + "\n");
    return new ReportReuse.Outcome(runDir.resolve("report.md"), false);
  }
}
