package org.irgeval.cli;

import java.io.PrintWriter;
import org.irgeval.api.DataException;
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
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
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
    String[] effective;
    try {
      effective = RunConfigFile.expand(cl, args); // run --config FILE: the file's options, after the flags given
    } catch (java.io.IOException | IllegalArgumentException e) {
      err.println("irg-eval: " + e.getMessage());
      return ExitCodes.UNUSABLE_INPUT;
    }
    return cl.execute(effective);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
