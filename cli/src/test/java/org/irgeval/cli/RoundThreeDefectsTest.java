package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.irgeval.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller defects of the round-3 probe (docs/reliability.md), one test each. */
class RoundThreeDefectsTest {
  @TempDir
  Path tmp;

  @Test
  void aRefusedOptionLeavesNoEmptyRunFolder() {
    Path out = tmp.resolve("r");
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "geneval", "--scorer-opt", "threshold=abc",
        "--out", out.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertFalse(Files.exists(out), "no empty run folder left behind");
  }

  @Test
  void reportAndCompareNameBrokenJournalsAndSummaries() throws Exception {
    Path run = tmp.resolve("run");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--samples", "1", "--out",
        run.toString()).code());
    Path copy = tmp.resolve("copy");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--samples", "1", "--out",
        copy.toString()).code());
    // a torn last line is left out, and said
    Files.writeString(copy.resolve("scores.jsonl"), "{\"benchmark\": \"gen", StandardOpenOption.APPEND);
    CliTestSupport.Result c = CliTestSupport.run("compare", run.toString(), copy.toString());
    assertTrue(c.err().contains("scores.jsonl:5: torn last line left out"), c.err());
    // a field-less line is an error naming file, line and field, never an NPE
    List<String> lines = Files.readAllLines(run.resolve("scores.jsonl"));
    Files.writeString(run.resolve("scores.jsonl"), lines.get(0) + "\n{\"values\": {}}\n" + lines.get(1) + "\n");
    CliTestSupport.Result r = CliTestSupport.run("report", run.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("scores.jsonl:2: field 'benchmark' is missing"), r.err());
    // an empty or mistyped summary is an error, never an empty report with exit 0
    Files.writeString(copy.resolve("summary.json"), "[]");
    CliTestSupport.Result s = CliTestSupport.run("report", copy.toString(), "--out", tmp.resolve("rep2").toString());
    assertEquals(ExitCodes.ERROR, s.code());
    assertTrue(s.err().contains("summary.json: not a run summary"), s.err());
  }

  @Test
  void compareOnWiseSubsetsSaysWhyThereIsNoOverall() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    for (Path p : List.of(a, b)) {
      CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "wise", "--limit", "3", "--samples", "1",
          "--out", p.toString());
      assertTrue(r.code() == 0 || r.code() == 3, r.err());
    }
    CliTestSupport.Result c = CliTestSupport.run("compare", a.toString(), b.toString());
    assertTrue(c.out().contains("defines no overall") || c.err().contains("defines no overall"), c.out() + c.err());
    assertFalse((c.out() + c.err()).contains("no prompts scored by both"), c.out() + c.err());
  }

  @Test
  void aByteOrderMarkIsShownInMessages() throws Exception {
    Path csv = Files.writeString(tmp.resolve("s.csv"), "\uFEFFprompt_idx,score\n00001,0.5\n");
    CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "genai-bench", "--official-results",
        csv.toString(), "--prompts-from-results", "--out", tmp.resolve("imp").toString());
    if (r.code() != 0) {
      assertFalse(r.err().contains("\uFEFF"), "no invisible character: " + r.err());
    }
    assertEquals("f:1 field '<BOM U+FEFF>x': bad <BOM U+FEFF>", new DataException("f", 1,
        "\uFEFFx", "bad \uFEFF", null).getMessage());
  }
}
