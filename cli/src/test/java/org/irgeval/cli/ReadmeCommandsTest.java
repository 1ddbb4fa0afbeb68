package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code ./irg-eval} command of README.md, read from the README itself so the test fails when the README
 * drifts from the code: each one must parse (every option exists, every value has the right type), and each one that
 * needs no GPU, no network and no official data is run as written, from a fresh folder standing in for a fresh clone
 * (its relative paths resolved there; the runs and results files it reads made there first by small demo runs).
 */
class ReadmeCommandsTest {
  @TempDir
  Path clone;

  /** A README command: its words (comment and continuation lines joined) and the line it starts on. */
  record Command(int line, List<String> words) {
    String text() {
      return String.join(" ", words);
    }
  }

  static List<Command> readmeCommands() throws IOException {
    List<String> lines = Files.readAllLines(CliContractTest.readme());
    List<Command> out = new ArrayList<>();
    boolean inBash = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        inBash = !inBash && l.startsWith("```bash");
        continue;
      }
      if (!inBash || !l.startsWith("./irg-eval")) {
        continue;
      }
      int start = i + 1;
      StringBuilder cmd = new StringBuilder();
      String part = stripComment(l);
      while (part.endsWith("\\") && i + 1 < lines.size()) {
        cmd.append(part, 0, part.length() - 1).append(' ');
        part = stripComment(lines.get(++i));
      }
      cmd.append(part);
      List<String> words = new ArrayList<>(Arrays.asList(cmd.toString().trim().split("\\s+")));
      words.remove(0); // ./irg-eval
      out.add(new Command(start, words));
    }
    return out;
  }

  private static String stripComment(String l) {
    int c = l.indexOf(" #");
    return (c >= 0 ? l.substring(0, c) : l).stripTrailing();
  }

  /** Why a command cannot run here, or null when it can. */
  static String cannotRun(Command c) {
    List<String> w = c.words();
    if (w.contains("...")) {
      return "elided ('...')";
    }
    if (w.contains("irg") && w.indexOf("irg") > 0 && w.get(w.indexOf("irg") - 1).equals("--pipeline")) {
      return "needs IRG servers on GPUs";
    }
    if (w.stream().anyMatch(s -> s.startsWith("https://") || s.startsWith("http://gpu"))) {
      return "needs the network";
    }
    if (w.get(0).equals("import") && System.getenv("IRG_EVAL_DATA") != null) {
      // the import matches results to the prompts of $IRG_EVAL_DATA when it is set (as .ci/run sets it), and the
      // stand-in results come from the built-in demo samples; ImportCommandTest imports official results
      return "matches results to $IRG_EVAL_DATA's official prompts, which the stand-in results are not";
    }
    if (w.get(0).equals("doctor")) {
      return "checks the official data, the judge and the GPU servers it names (PreflightCliTest checks doctor itself)";
    }
    if (w.get(0).equals("data") || w.get(0).equals("throughput") || w.contains("images")) {
      return "needs official data (" + (w.get(0).equals("throughput") ? "CliContractTest checks its message" : "") + ")";
    }
    return null;
  }

  @Test
  void everyReadmeCommandParses() throws Exception {
    List<Command> all = readmeCommands();
    assertTrue(all.size() >= 10, "README commands found: " + all);
    for (Command c : all) {
      CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      List<String> words = withoutElisions(cl, c.words());
      try {
        cl.parseArgs(words.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        throw new AssertionError("README.md line " + c.line() + ": " + c.text() + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  @SystemTest // runs the demo and the README's commands end to end (about 10 s idle); the parse check above stays fast
  void everyReadmeCommandThatNeedsNoGpuNetworkOrDataWorksAsWrittenOnAFreshClone() throws Exception {
    Set<String> ran = new TreeSet<>();
    for (Command c : readmeCommands()) {
      if (cannotRun(c) != null) {
        continue;
      }
      List<String> words = new ArrayList<>();
      for (int i = 0; i < c.words().size(); i++) {
        String w = c.words().get(i);
        boolean path = !w.startsWith("-") && (w.contains("/") || w.endsWith(".jsonl"));
        if (path) {
          Path p = clone.resolve(w);
          boolean input = i == 0 || !c.words().get(i - 1).equals("--out");
          Path shipped = CliContractTest.readme().getParent().resolve(w);
          if (input && !Files.exists(p) && Files.isRegularFile(shipped)) {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.copy(shipped, p); // a file the repository ships (configs/...), as a fresh clone has it
          } else if (input && !Files.exists(p)) {
            standIn(p); // a run or an official results file the README's reader has from earlier work
          }
          w = p.toString();
        }
        words.add(w);
      }
      if (words.get(0).equals("run") && !words.contains("--out")) {
        words.addAll(List.of("--out", clone.resolve("runs/demo").toString())); // the demo's default, runs/demo, in the fresh clone
      }
      CliTestSupport.Result r = CliTestSupport.run(words.toArray(String[]::new));
      String where = "README.md line " + c.line() + ": " + c.text() + "\n" + r.err();
      if (words.get(0).equals("compare")) {
        // 0 pass, 1 significantly worse, 2 no verdict: all are the gate working; a usage error is not
        assertTrue(r.code() >= 0 && r.code() <= 2, where);
        assertFalse(r.err().contains("--help"), where);
      } else {
        assertEquals(0, r.code(), where);
      }
      ran.add(words.get(0));
    }
    Set<String> expected = new TreeSet<>(List.of("compare", "import", "list", "report", "run"));
    if (System.getenv("IRG_EVAL_DATA") != null) {
      expected.remove("import");
    }
    assertEquals(expected, ran,
        "the README's runnable commands were run");
  }

  /** The words without '...' and an option left without its value by the elision. */
  private static List<String> withoutElisions(CommandLine cl, List<String> words) {
    List<String> out = new ArrayList<>();
    CommandLine sub = cl.getSubcommands().get(words.get(0));
    for (String w : words) {
      if (w.equals("...")) {
        if (!out.isEmpty() && out.get(out.size() - 1).startsWith("--") && sub != null) {
          var o = sub.getCommandSpec().findOption(out.get(out.size() - 1));
          if (o != null && o.arity().min() > 0) {
            out.remove(out.size() - 1);
          }
        }
        continue;
      }
      out.add(w);
    }
    return out;
  }

  /**
   * {@code target}: a small demo run (GenEval, 3 prompts: what report and compare read costs seconds, not the full
   * demo's minute), or its official-layout GenEval results for a results file.
   */
  private void standIn(Path target) throws IOException {
    if (target.getFileName().toString().endsWith(".jsonl")) {
      Path run = clone.resolve("stand-ins/results-run");
      if (!Files.exists(run)) {
        standIn(run);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(run.resolve("exports/geneval/reflection/results.jsonl"), target);
      return;
    }
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "3", "--out",
        target.toString());
    assertEquals(0, r.code(), r.err());
  }
}
