package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code irg-eval compare} and {@code irg-eval report} on demo runs. */
class CompareAndReportTest {
  @TempDir
  Path tmp;

  @Test
  void anotherSeedPassesADegradedRunFailsAndTheReportCoversBoth() throws Exception {
    Path a = tmp.resolve("runs/a");
    Path b = tmp.resolve("runs/b");
    Path bad = tmp.resolve("runs/bad");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--label", "step=1200", "--out",
        a.toString()).code());
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--seed", "7", "--label", "step=200",
        "--out", b.toString()).code());
    CliTestSupport.Result degraded = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "geneval",
        "--data", tmp.resolve("runs/demo-data").toString(), "--pipeline-opt", "mistake-rate=1",
        "--pipeline-opt", "reflection-mistake-rate=1", "--out", bad.toString());
    assertEquals(0, degraded.code(), degraded.err());

    // The demo's 12 GeneVal prompts are too few for a verdict between two seeds (percentile bootstrap too narrow).
    CliTestSupport.Result tooFew = CliTestSupport.run("compare", a.toString(), b.toString());
    assertEquals(2, tooFew.code(), tooFew.out() + tooFew.err());
    assertTrue(tooFew.err().contains("no verdict: geneval / no-reflection: 12 paired prompts, fewer than the minimum"
        + " 30"), tooFew.err());
    CliTestSupport.Result same = CliTestSupport.run("compare", a.toString(), b.toString(), "--min-prompts", "10");
    assertEquals(0, same.code(), same.out() + same.err());
    assertTrue(same.out().contains("geneval") && same.out().contains("reflection") && same.out().contains("ok"),
        same.out());
    CliTestSupport.Result worse = CliTestSupport.run("compare", a.toString(), bad.toString(), "--format", "markdown",
        "--min-prompts", "10");
    assertEquals(1, worse.code(), worse.out() + worse.err());
    assertTrue(worse.out().contains("**regression**") && worse.out().contains("**FAIL**"), worse.out());
    CliTestSupport.Result none = CliTestSupport.run("compare", a.toString(), tmp.resolve("missing").toString());
    assertEquals(2, none.code());

    Path out = tmp.resolve("report");
    CliTestSupport.Result r = CliTestSupport.run("report", a.toString(), bad.toString(), "--paper", "irg", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| a / reflection | bad / reflection | 12 |"), md);
    assertTrue(md.contains("| IRG | paper |"), md);
    assertTrue(Files.isRegularFile(out.resolve("report.html")) && Files.isRegularFile(out.resolve("tables/geneval.csv")));
    assertTrue(md.contains("### Leaderboard (each run's final variant, by overall)\n\n| rank | Run |"), md);
    assertTrue(md.contains("| 1 | a (plumbing) | reflection |"), "the degraded run ranks last: " + md);

    // Across checkpoints: the runs in the order of their step label, every column plotted against it.
    Path trend = tmp.resolve("trend");
    CliTestSupport.Result t = CliTestSupport.run("report", a.toString(), b.toString(), "--trend", "step", "--out",
        trend.toString());
    assertEquals(0, t.code(), t.err());
    String tmd = Files.readString(trend.resolve("report.md"));
    assertTrue(tmd.contains("### Trend over step"), tmd);
    assertTrue(tmd.indexOf("| 200 | b (plumbing) |") < tmd.indexOf("| 1200 | a (plumbing) |")
        && tmd.contains("| 200 | b (plumbing) |"), "step 200 before step 1200: " + tmd);
    assertTrue(Files.size(trend.resolve("plots/geneval-trend.png")) > 1000);
    CliTestSupport.Result unlabelled = CliTestSupport.run("report", a.toString(), bad.toString(), "--trend", "step",
        "--out", tmp.resolve("t2").toString());
    assertTrue(unlabelled.code() != 0 && unlabelled.err().contains("no label 'step'"), unlabelled.err());
  }
}
