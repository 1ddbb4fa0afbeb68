package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-run report's files, their numbers and their escaping. */
class ReportWriterTest {
  @TempDir
  Path tmp;

  static final String EVIL = "<script>document.body.dataset.pwned='1'</script><img src=x onerror=\"document.body"
      + ".dataset.pwned='2'\"> | *x* ";

  @Test
  void aRunWithNoScoredImageIsRefusedNamingItsSummaryAndNothingIsWritten() throws Exception {
    ToyRuns runs = new ToyRuns(new ToyBenchmark(4, 2));
    Path a = runs.run(tmp.resolve("run-a"), 1, 0.3, 0.0);
    Path empty = runs.run(tmp.resolve("run-0"), 2, 0.3, 0.0);
    // what a 0-prompt run's summary holds: the benchmark is there, no variant has a scored image
    ObjectNode summary =
        (ObjectNode) Json.mapper().readTree(empty.resolve("summary.json").toFile());
    summary.path("benchmarks").path("toy").path("variants").forEach(v ->
        ((ObjectNode) v).put("n_images", 0).put("n_prompts", 0));
    Files.writeString(empty.resolve("summary.json"), Json.mapper().writeValueAsString(summary));
    Path out = tmp.resolve("out");
    ReportWriter.NothingToReport e = assertThrows(ReportWriter.NothingToReport.class,
        () -> new ReportWriter(runs.registry).writeScored(List.of(a, empty), out, null, false, null));
    assertTrue(e.getMessage().contains(empty.resolve("summary.json").toString())
        && e.getMessage().contains("0 prompts scored"), e.getMessage());
    assertFalse(Files.exists(out), "an empty report is never written");
  }

  @Test
  void markdownTablesParseBackToTheSummaryNumbersAndUserStringsAreEscaped() throws Exception {
    ToyRuns runs = new ToyRuns(new ToyBenchmark(20, 2, EVIL));
    Path a = runs.run(tmp.resolve("run-a"), 1, 0.3, 0.0);
    Path b = runs.run(tmp.resolve("run-b"), 2, 0.3, 0.0);
    ReportWriter.Written w = new ReportWriter(runs.registry).write(List.of(a, b), tmp.resolve("out"), null, false);
    String md = Files.readString(w.markdown());
    JsonNode summary = Json.mapper().readTree(a.resolve("summary.json").toFile());
    // | run-a | reflection | A | Overall | ... parse back: the Overall column equals summary.json at 2 digits
    int rows = 0;
    for (String line : md.lines().toList()) {
      List<String> cells = cells(line);
      if (cells.size() > 4 && (cells.get(0).equals("run-a") || cells.get(0).equals("run-b"))
          && List.of("no-reflection", "reflection").contains(cells.get(1))) {
        Path run = cells.get(0).equals("run-a") ? a : b;
        JsonNode v = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("toy")
            .path("variants").path(cells.get(1));
        assertEquals(String.format(Locale.ROOT, "%.2f", v.path("categories").path("a").asDouble()), cells.get(2));
        assertEquals(String.format(Locale.ROOT, "%.2f", v.path("overall").asDouble()), cells.get(3));
        rows++;
      }
    }
    assertEquals(4, rows, md);
    assertTrue(md.contains("### Reflection"), md);
    assertTrue(md.contains("| run-a / reflection | run-b / reflection | 20 |"), md);
    assertTrue(summary.path("benchmarks").has("toy"));

    String html = Files.readString(w.html());
    assertFalse(html.contains("<script>document"), "prompt markup is escaped");
    assertFalse(html.contains("<img src=x"), "prompt markup is escaped");
    assertTrue(html.contains("&lt;script&gt;document.body.dataset.pwned"), "and shown as text");
    assertTrue(html.contains("src=\"../run-a/images/toy/"), "images are linked relative to the report");
    // Per-category CIs: in summary.json, in the CSV (after the columns that were there before) and in the report
    JsonNode catCi = summary.path("benchmarks").path("toy").path("variants").path("reflection")
        .path("categories_ci95").path("a");
    assertTrue(catCi.isArray() && catCi.get(0).asDouble() <= catCi.get(1).asDouble(), catCi.toString());
    assertTrue(md.contains("| run-a | reflection | [" + String.format(Locale.ROOT, "%.2f", catCi.get(0).asDouble())
        + ", " + String.format(Locale.ROOT, "%.2f", catCi.get(1).asDouble()) + "] |"), md);
    String csv = Files.readString(tmp.resolve("out/tables/toy.csv"));
    assertTrue(csv.startsWith("run,variant,a,overall,ci95_low,ci95_high,"), csv);
    assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",source,a_ci95_low,a_ci95_high"), csv);
    assertEquals(5, csv.split("\r\n").length, "header + 2 runs x 2 variants");
    assertTrue(Files.size(tmp.resolve("out/plots/toy-columns.png")) > 1000);
    assertTrue(Files.readString(tmp.resolve("out/plots/toy-overall.svg")).contains("<svg"));
    assertTrue(Files.isRegularFile(tmp.resolve("out/plots/toy-stages.png")));
  }

  /** The cells of a Markdown table row, unescaped enough to compare numbers and names. */
  static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    if (!line.startsWith("|")) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (c == '|') {
        out.add(cur.toString().strip().replace(" (plumbing)", ""));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    return out;
  }
}
