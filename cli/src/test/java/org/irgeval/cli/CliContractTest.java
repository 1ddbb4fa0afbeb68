package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.data.DemoSamples;
import org.irgeval.run.FailureLog;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line keeps the README's word: one test per exit code of the README's "Exit codes" sentence (read from
 * README.md, so the two cannot drift apart), parse errors included, and help that is clean and copyable.
 */
class CliContractTest {
  @TempDir
  Path tmp;

  /** README.md at the repository root (tests run in the cli module). */
  static Path readme() {
    Path p = Path.of("..", "README.md");
    return Files.exists(p) ? p : Path.of("README.md");
  }

  @Test
  void theReadmesExitCodesAreTheCodesTheCommandsUse() throws Exception {
    String text = Files.readString(readme()).replaceAll("\\s+", " ");
    Matcher m = Pattern.compile("Exit codes: 0 ([^,]+), 1 ([^,]+), 2 ([^,(]+).*?, 3 ([^,]+), 4 ([^(]+)").matcher(text);
    assertTrue(m.find(), "README.md states the exit codes");
    assertTrue(m.group(1).startsWith("all done"), m.group(1));
    assertTrue(m.group(2).startsWith("usage or configuration error"), m.group(2));
    assertTrue(m.group(3).startsWith("unusable input"), m.group(3));
    assertTrue(m.group(4).startsWith("finished with counted failures"), m.group(4));
    assertTrue(m.group(5).startsWith("stopped early"), m.group(5));
    assertEquals(List.of(0, 1, 2, 3, 4), List.of(ExitCodes.OK, ExitCodes.ERROR, ExitCodes.UNUSABLE_INPUT,
        ExitCodes.INCOMPLETE, ExitCodes.STOPPED));
  }

  @Test
  void exit0AllDone() {
    CliTestSupport.Result r = CliTestSupport.run("list");
    assertEquals(ExitCodes.OK, r.code(), r.err());
  }

  /** picocli's own default for a parse error is 2, which the README gives to unusable input. */
  @Test
  void exit1ForEveryParseErrorOfEveryCommandButCompare() {
    CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CliTestSupport.Result r = CliTestSupport.run(name, "--no-such-option");
      int expected = name.equals("compare") ? 2 : ExitCodes.ERROR; // compare: 1 = "significantly worse"
      assertEquals(expected, r.code(), name + ": " + r.err());
      assertTrue(r.err().startsWith("irg-eval: "), "one line saying what is wrong: " + r.err());
      assertTrue(r.err().contains("irg-eval " + name + " --help") || r.err().contains("Did you mean"), r.err());
    }
    assertEquals(ExitCodes.ERROR, CliTestSupport.run("no-such-command").code());
    assertEquals(ExitCodes.ERROR, CliTestSupport.run("run", "--limit", "many").code(), "a value of the wrong type");
    assertEquals(ExitCodes.ERROR, CliTestSupport.run("merge", "a").code(), "a missing required option");
  }

  @Test
  void exit2UnusableInput() throws Exception {
    Path bad = Files.writeString(tmp.resolve("results.jsonl"), "{\"filename\": \"x.png\"\n");
    CliTestSupport.Result r = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        bad.toString(), "--prompts-from-results", "--out", tmp.resolve("imp").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.err());
    assertTrue(r.err().contains(bad.toString()), "the file is named: " + r.err());
  }

  /** The judge answers the preflight's probe, then drops every connection: each image's scoring fails alike. */
  @Test
  void exit3CountedFailuresAreSummarisedByCauseNotOneLineEach() throws Exception {
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"));
    Path run = tmp.resolve("run");
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(
        req -> LoopbackJudgeServer.Answer.text("Consistency: 2\nRealism: 1\nAesthetic Quality: 1"),
        (n, req) -> n > 1 ? FaultyJudgeServer.Fault.reset() : FaultyJudgeServer.Fault.none())) {
      CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "wise", "--data",
          data.toString(), "--judge-url", judge.baseUrl().toString(), "--judge-key-env", "IRG_EVAL_NO_KEY_HERE",
          "--judge-retries", "0", "--out", run.toString());
      assertEquals(ExitCodes.INCOMPLETE, r.code(), r.err());
      assertTrue(r.err().contains("14 scorings failed this session") && r.err().contains("by cause:"), r.err());
      assertTrue(r.err().lines().filter(l -> l.contains("wise/")).count() <= 2,
          "the first failure and one line of examples, not a line per image: " + r.err());
      assertTrue(r.err().contains("every failure: " + run.resolve(FailureLog.FILE)), r.err());
      assertEquals(15, Files.readAllLines(run.resolve(FailureLog.FILE)).size(), "a header and every failed scoring");
      assertFalse(r.err().contains("ScoreKey["), "items as a person names them, not Java's record form: " + r.err());
    }
  }

  /** The judge answers the preflight's probe, then refuses the key: the run stops at once. */
  @Test
  void exit4StoppedEarly() throws Exception {
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"));
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(
        req -> LoopbackJudgeServer.Answer.text("Consistency: 2\nRealism: 1\nAesthetic Quality: 1"),
        (n, req) -> n > 1 ? FaultyJudgeServer.Fault.unauthorized() : FaultyJudgeServer.Fault.none())) {
      CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "wise", "--data",
          data.toString(), "--judge-url", judge.baseUrl().toString(), "--out", tmp.resolve("run").toString());
      assertEquals(ExitCodes.STOPPED, r.code(), r.err());
    }
  }

  @Test
  void helpIsCleanAndKeepsUrlsAndPathsWhole() {
    CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (String name : root.getSubcommands().keySet()) {
      CliTestSupport.Result r = CliTestSupport.run(name, "--help");
      String all = r.out() + r.err();
      assertFalse(all.contains("[picocli WARN]"), name + " --help: " + all);
      assertFalse(Pattern.compile("https?:\\s").matcher(all).find(), name + " --help wraps inside a URL: " + all);
      assertFalse(all.contains(". /data"), name + " --help wraps inside a path: " + all);
    }
    String run = CliTestSupport.run("run", "--help").out();
    assertTrue(run.contains("https://api.openai.com/v1"), run);
    assertTrue(run.replaceAll("\\s+", " ").contains("(default: the preset's"), "as the README says: " + run);
  }

  @Test
  void throughputOnACleanCloneNamesTheFilesItNeeds() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("throughput", "--endpoints", "1,2,4", "--data",
        Files.createDirectories(tmp.resolve("empty")).toString(), "--out", tmp.resolve("tp").toString());
    assertEquals(ExitCodes.ERROR, r.code(), r.err());
    assertTrue(r.err().contains("irg_two_turn_system_prompt.txt is missing") && r.err().contains("--data"), r.err());
    assertFalse(Files.exists(tmp.resolve("tp")), "nothing measured, nothing written");
  }

  @Test
  void reportsNeverLandInASourceModule() throws Exception {
    Path module = Files.createDirectories(tmp.resolve("repo/reports/src/main"));
    Files.writeString(module.getParent().getParent().resolve("pom.xml"), "<project/>");
    CliTestSupport.Result r = CliTestSupport.run("report", tmp.resolve("a").toString(), "--out",
        tmp.resolve("repo/reports/ckpt-2").toString());
    assertEquals(ExitCodes.ERROR, r.code(), r.err());
    assertTrue(r.err().contains("inside the source module"), r.err());
    assertEquals(Path.of("runs", "reports", "ckpt-1-vs-ckpt-2"),
        ReportCommand.defaultFolder(List.of(Path.of("runs/ckpt-1"), Path.of("runs/ckpt-2"))));
    assertEquals(Path.of("runs/x/report"), ReportCommand.defaultFolder(List.of(Path.of("runs/x"))));
  }

  @Test
  void anInterruptedRunSaysWhatWasKeptAndTheCommandThatResumes() {
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    String[] args = {"run", "--pipeline", "reference", "--out", "runs/x"};
    cl.parseArgs(args);
    String m = Main.Interrupted.message(cl, args);
    assertTrue(m.contains("Kept in runs/x") && m.contains("irg-eval run --pipeline reference --out runs/x"), m);
  }

}
