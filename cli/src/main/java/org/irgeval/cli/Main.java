package org.irgeval.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.irgeval.api.DataException;
import org.irgeval.report.Gate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code irg-eval} command. */
@Command(name = "irg-eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Evaluate text-to-image models that think, draw, reflect and draw again (IRG, BAGEL) on "
        + "GenEval, WISE, TIIF-Bench, GenAI-Bench and OneIG-Bench.",
    subcommands = {RunCommand.class, DoctorCommand.class, ScoreCommand.class, ImportCommand.class, DataCommand.class, ListCommand.class,
        ReportCommand.class, CompareCommand.class, ThroughputCommand.class, MergeCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cl = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    AtomicBoolean finished = new AtomicBoolean();
    // Ctrl-C (SIGINT) or a TERM from a scheduler: say what was kept and how to go on, once, on stderr. Journals are
    // fsynced line by line and every other file is written atomically, so what finished is on disk already.
    Thread hook = new Thread(() -> {
      if (!finished.get()) {
        System.err.println();
        System.err.println(Interrupted.message(cl, args));
        System.err.flush();
      }
    }, "irg-eval-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = execute(cl, args);
    finished.set(true);
    System.exit(code);
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(commandLine(out, err), args);
  }

  private static int execute(CommandLine cl, String[] args) {
    String[] effective;
    try {
      effective = RunConfigFile.expand(cl, args); // run --config FILE: the file's options, after the flags given
    } catch (java.io.IOException | IllegalArgumentException e) {
      cl.getErr().println("irg-eval: " + e.getMessage());
      cl.getErr().flush();
      return ExitCodes.UNUSABLE_INPUT;
    }
    return cl.execute(effective);
  }

  /** The configured command line: exit codes of docs/reliability.md for every kind of failure, help that keeps URLs whole. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setHelpFactory(UrlKeepingHelp::new);
    cl.setParameterExceptionHandler((ex, args) -> {
      // A mistyped command line is a usage error, exit 1 as the README says (picocli's own default is 2, which this
      // project reserves for unusable input). compare keeps 1 for "significantly worse", so its usage errors are
      // "no verdict" (2), as its help says.
      CommandLine bad = ex.getCommandLine();
      PrintWriter e = bad.getErr();
      e.println("irg-eval: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, e)) {
        e.println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for the options.");
      }
      e.flush();
      return bad.getCommandSpec().userObject() instanceof CompareCommand ? Gate.UNUSABLE : ExitCodes.ERROR;
    });
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      line.getErr().println("irg-eval: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (System.getenv("IRG_EVAL_DEBUG") != null) {
        ex.printStackTrace(line.getErr());
      }
      if (String.valueOf(ex.getMessage()).contains("No space left on device")) {
        // everything fsynced before stays: the same command resumes once there is room
        line.getErr().println("irg-eval: the disk is full; nothing finished is lost: free space, then run the same"
            + " command again");
        return ExitCodes.STOPPED;
      }
      return ex instanceof DataException ? ExitCodes.UNUSABLE_INPUT : ExitCodes.ERROR;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What an interrupted command kept and how to go on. */
  static final class Interrupted {
    private Interrupted() {}

    static String message(CommandLine cl, String[] args) {
      CommandLine.ParseResult p = cl.getParseResult();
      Object command = null;
      if (p != null) {
        List<CommandLine> parsed = p.asCommandLineList();
        command = parsed.get(parsed.size() - 1).getCommandSpec().userObject();
      }
      String again = "irg-eval " + String.join(" ", List.of(args));
      if (command instanceof Resumable r && r.workDir() != null) {
        return "irg-eval: interrupted. Kept in " + r.workDir() + ": every finished generation and score (journals"
            + " are fsynced line by line; files are replaced atomically, so nothing is half-written). To resume,"
            + " run the same command again; only the missing work is done:\n  " + again;
      }
      return "irg-eval: interrupted. Files are replaced atomically, so nothing is half-written; run the same command"
          + " again to redo it:\n  " + again;
    }
  }

  /** A command whose work survives an interruption in a folder and resumes when started again. */
  interface Resumable {
    /** The folder that keeps the finished work (the run directory), or null when none is known yet. */
    java.nio.file.Path workDir();
  }
}
