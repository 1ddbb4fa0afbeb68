package org.irgeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.VariantSummary;
import org.irgeval.run.RunResult;
import org.irgeval.store.record.Summary;

/** The short stdout summary of a run (the full results are in the run directory). */
final class SummaryPrinter {
  private final PrintWriter out;

  SummaryPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(RunResult r) {
    Summary s = r.summary();
    if (s.isPlumbing()) {
      out.println("*** " + s.notice() + " ***");
    }
    out.printf(Locale.ROOT, "run %s: %d generated, %d scored this session%s%n", r.runDir(), r.generated(), r.scored(),
        r.generationFailures().isEmpty() && r.scoreIncomplete() == 0 ? ""
            : ", " + r.generationFailures().size() + " generations and " + r.scoreIncomplete()
                + " scorings failed (rerun the same command to retry them)");
    for (Map.Entry<String, Summary.BenchmarkSummary> b : s.benchmarks().entrySet()) {
      Summary.BenchmarkSummary e = b.getValue();
      if (!e.scored()) {
        out.printf(Locale.ROOT, "  %-12s %s: %s%n", b.getKey(), e.status(), e.reason());
        continue;
      }
      for (Map.Entry<String, Summary.VariantEntry> v : e.variantsOrEmpty().entrySet()) {
        Summary.VariantEntry o = v.getValue();
        JsonNode preview = o.extra() == null ? null : o.extra().get(VariantSummary.PREVIEW);
        String overall = o.overall() != null ? String.format(Locale.ROOT, "%.3f", o.overall())
            : preview != null && preview.isNumber() ? String.format(Locale.ROOT,
                "n/a (official overall withheld; preview on scored prompts %.3f)", preview.asDouble()) : "n/a";
        String ci = o.ci95() != null && o.ci95().size() == 2 ? String.format(Locale.ROOT, " [%.3f, %.3f]",
            o.ci95().get(0), o.ci95().get(1)) : "";
        out.printf(Locale.ROOT, "  %-12s %-14s overall %s%s  (%d prompts, %d images, %d failures)%n", b.getKey(),
            v.getKey(), overall, ci, o.nPrompts(), o.nImages(), o.failuresOrZero());
      }
    }
    // The demo writes its one report into report/ (printed after this), not report.md beside the results.
    Path md = r.runDir().resolve("report.md");
    out.println("results: " + r.runDir().resolve("summary.json")
        + (Files.exists(md) ? ", report: " + md : ""));
    out.flush();
  }
}
