package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a user sees of a run's progress: the bar's last line once, fixed-form log lines, each finishing step named. */
class ProgressLinesTest {
  @Test
  void onATerminalTheLastLineIsDrawnOnceAndNothingAfterClose() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Progress.TerminalLine t = new Progress.TerminalLine(new PrintStream(buf, true, StandardCharsets.UTF_8));
    t.accept("run 50% gen 1/2");
    t.accept("run 100% gen 2/2");
    t.accept("run 100% gen 2/2"); // the library's render on close
    t.close();
    t.accept("run 100% gen 2/2"); // its timer, after close
    t.close();
    String s = buf.toString(StandardCharsets.UTF_8);
    assertEquals(1, s.split("gen 2/2", -1).length - 1, s);
    assertTrue(s.endsWith("gen 2/2\n"), s);
  }

  @Test
  void aShorterLineCoversTheLongerOneBeforeIt() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Progress.TerminalLine t = new Progress.TerminalLine(new PrintStream(buf, true, StandardCharsets.UTF_8));
    t.accept("abcdef");
    t.accept("xy");
    assertEquals("\rabcdef\rxy    ", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void offATerminalLinesHaveOneFormNeverCutAndNoShrunkBar() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String line;
    try (Progress p = new Progress("a-run-with-a-long-name-" + "x".repeat(40), 1000, 2000)) {
      p.generated();
      line = p.logLine();
    } finally {
      System.setErr(old);
    }
    assertTrue(line.matches("a-run-with-a-long-name-x{40}   0% 1/3000 gen 1/1000 score 0/2000 \\(0:00:0\\d elapsed\\)"),
        line);
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains("[="), "no bar drawn for a terminal that is not there: " + printed);
    assertTrue(printed.lines().allMatch(l -> l.contains("score ")), "never cut off: " + printed);
  }

  @Test
  void eachFinishingStepIsNamedWithItsOutcome() throws Exception {
    StringWriter w = new StringWriter();
    int r = new Steps(new PrintWriter(w, true)).run("summary", () -> 42, x -> "computed " + x);
    assertEquals(42, r);
    assertTrue(w.toString().matches("  summary \\.\\.\\. computed 42 \\(\\d+\\.\\d s\\)\\R"), w.toString());
  }
}
