package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rerun that changes nothing reuses the summary and the report; any change of their inputs recomputes them. */
class RerunReuseTest {
  @TempDir
  Path tmp;

  @Test
  void anUnchangedRerunReusesSummaryAndReportAndAChangedInputRecomputesThem() throws Exception {
    Path run = tmp.resolve("demo");
    String[] cmd = {"run", "--benchmarks", "geneval", "--limit", "2", "--out", run.toString()};
    CliTestSupport.Result first = CliTestSupport.run(cmd);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("summary (bootstrap 95% CIs, official-layout results) ... computed"), first.err());
    assertTrue(first.err().contains("report (tables, comparisons, plots, HTML) ... written"), first.err());
    Path html = run.resolve("report/report.html");
    FileTime written = Files.getLastModifiedTime(html);

    CliTestSupport.Result again = CliTestSupport.run(cmd);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("summary (bootstrap 95% CIs, official-layout results) ... reused"), again.err());
    assertTrue(again.err().contains("report (tables, comparisons, plots, HTML) ... reused"), again.err());
    assertEquals(written, Files.getLastModifiedTime(html), "the report was not rewritten");

    // a label is shown in the report: the report is made again, the summary (which does not show it) is not
    CliTestSupport.Result labelled = CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--label",
        "step=2", "--out", run.toString());
    assertEquals(0, labelled.code(), labelled.err());
    assertTrue(labelled.err().contains("report (tables, comparisons, plots, HTML) ... written"), labelled.err());

    // a stored score that changed (here edited by hand; a removed line would be scored again to the same bytes by
    // the deterministic plumbing scorer, which rightly reuses the summary): summary and report are recomputed
    List<String> scores = new ArrayList<>(Files.readAllLines(run.resolve("scores.jsonl")));
    ObjectNode last = (ObjectNode)
        Json.mapper().readTree(scores.get(scores.size() - 1));
    ObjectNode values = (ObjectNode) last.get("values");
    String key = values.fieldNames().next();
    values.put(key, 1 - values.get(key).asDouble());
    scores.set(scores.size() - 1, Json.mapper().writeValueAsString(last));
    Files.write(run.resolve("scores.jsonl"), scores);
    CliTestSupport.Result changed = CliTestSupport.run(cmd);
    assertEquals(0, changed.code(), changed.err());
    assertTrue(changed.err().contains("summary (bootstrap 95% CIs, official-layout results) ... computed"),
        changed.err());
    assertTrue(changed.err().contains("report (tables, comparisons, plots, HTML) ... written"), changed.err());
  }

  @Test
  void theReportCommandKeepsAReportWhoseRunsAndOptionsAreUnchanged() throws Exception {
    Path run = tmp.resolve("r");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out", run.toString())
        .code());
    Path out = tmp.resolve("report");
    CliTestSupport.Result a = CliTestSupport.run("report", run.toString(), "--out", out.toString());
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().contains("table(s)"), a.out());
    CliTestSupport.Result b = CliTestSupport.run("report", run.toString(), "--out", out.toString());
    assertTrue(b.out().contains("kept as it was"), b.out());
    CliTestSupport.Result c = CliTestSupport.run("report", run.toString(), "--paper", "irg", "--out", out.toString());
    assertTrue(c.out().contains("table(s)"), "another option: written again: " + c.out());
  }
}
