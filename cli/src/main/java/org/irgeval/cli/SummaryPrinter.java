package org.irgeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.VariantSummary;
import org.irgeval.run.RunResult;

/** The short stdout summary of a run (the full results are in the run directory). */
final class SummaryPrinter {
  private final PrintWriter out;

  SummaryPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(RunResult r) {
    JsonNode s = r.summary();
    if (s.path("plumbing").asBoolean()) {
      out.println("*** " + s.path("notice").asText() + " ***");
    }
    out.printf(Locale.ROOT, "run %s: %d generated, %d scored this session%s%n", r.runDir(), r.generated(), r.scored(),
        r.generationFailures().isEmpty() && r.scoreIncomplete() == 0 ? ""
            : ", " + r.generationFailures().size() + " generations and " + r.scoreIncomplete()
                + " scorings failed (rerun the same command to retry them)");
    Iterator<Map.Entry<String, JsonNode>> it = s.path("benchmarks").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> b = it.next();
      JsonNode e = b.getValue();
      if (!"scored".equals(e.path("status").asText())) {
        out.printf(Locale.ROOT, "  %-12s %s: %s%n", b.getKey(), e.path("status").asText(), e.path("reason").asText());
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> vs = e.path("variants").fields();
      while (vs.hasNext()) {
        Map.Entry<String, JsonNode> v = vs.next();
        JsonNode o = v.getValue();
        JsonNode preview = o.path("extra").path(VariantSummary.PREVIEW);
        String overall = o.path("overall").isNumber() ? String.format(Locale.ROOT, "%.3f", o.path("overall").asDouble())
            : preview.isNumber() ? String.format(Locale.ROOT, "n/a (official overall withheld; preview on scored prompts %.3f)",
                preview.asDouble()) : "n/a";
        String ci = o.path("ci95").isArray() ? String.format(Locale.ROOT, " [%.3f, %.3f]",
            o.path("ci95").get(0).asDouble(), o.path("ci95").get(1).asDouble()) : "";
        out.printf(Locale.ROOT, "  %-12s %-14s overall %s%s  (%d prompts, %d images, %d failures)%n", b.getKey(),
            v.getKey(), overall, ci, o.path("n_prompts").asInt(), o.path("n_images").asInt(), o.path("failures").asInt());
      }
    }
    // The demo writes its one report into report/ (printed after this), not report.md beside the results.
    Path md = r.runDir().resolve("report.md");
    out.println("results: " + r.runDir().resolve("summary.json")
        + (Files.exists(md) ? ", report: " + md : ""));
    out.flush();
  }
}
