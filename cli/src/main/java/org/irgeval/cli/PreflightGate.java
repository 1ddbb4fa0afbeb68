package org.irgeval.cli;

import java.io.PrintWriter;
import org.irgeval.preflight.JudgeProbe;
import org.irgeval.preflight.Preflight;
import org.irgeval.preflight.PreflightReport;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the harness preflight for {@code run}, {@code score} and {@code doctor}, prints it, and says whether to go on. */
final class PreflightGate {
  private final Registry registry;
  private final CommandSpec spec;

  PreflightGate(Registry registry, CommandSpec spec) {
    this.registry = registry;
    this.spec = spec;
  }

  /**
   * @param planOnly {@code --dry-run}: the plan only, nothing contacted
   * @param doctor   {@code doctor}: every check and the plan, then stop
   * @return the exit code when the command stops here, or null to go on with the run
   */
  Integer check(RunConfig cfg, boolean planOnly, boolean doctor) {
    return check(cfg, planOnly, doctor, false);
  }

  /** The {@code --json} result of {@code doctor} and {@code run --dry-run}: every check and the plan. */
  record Checked(boolean ok, double seconds, PreflightReport report) {}

  /** @param json {@code --json}: doctor's and --dry-run's result as one JSON document on stdout */
  Integer check(RunConfig cfg, boolean planOnly, boolean doctor, boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    PreflightReport report = new Preflight(registry, new JudgeProbe(System::getenv)).check(cfg, planOnly);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (json && (planOnly || doctor)) {
      try {
        JsonOption.print(out, new Checked(report.ok(), seconds, report));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return report.ok() ? ExitCodes.OK : ExitCodes.UNUSABLE_INPUT;
    }
    if (planOnly) {
      report.checks().stream().filter(c -> c.status() != org.irgeval.preflight.CheckResult.Status.OK)
          .forEach(c -> err.println("dry run: " + c.check() + ": " + c.message()));
      report.planLines().forEach(out::println);
      out.flush();
      return report.ok() ? ExitCodes.OK : ExitCodes.UNUSABLE_INPUT;
    }
    if (doctor) {
      report.checkLines().forEach(out::println);
      out.println();
      report.planLines().forEach(out::println);
      out.printf("doctor: %d checks, %d failed, in %.1f s%n", report.checks().size(), report.failures().size(), seconds);
      out.flush();
      return report.ok() ? ExitCodes.OK : ExitCodes.UNUSABLE_INPUT;
    }
    if (!report.ok()) {
      err.printf("irg-eval: preflight: %d of %d checks failed in %.1f s; nothing was generated or scored:%n",
          report.failures().size(), report.checks().size(), seconds);
      report.failures().forEach(c -> err.println("  " + c.check() + ": " + c.message()));
      err.println("  ('irg-eval doctor' with the same options shows every check and the plan)");
      err.flush();
      return ExitCodes.UNUSABLE_INPUT;
    }
    err.printf("preflight: %d checks passed in %.1f s; %d trajectories, %d judge calls planned%n",
        report.checks().size(), seconds, report.plan().trajectories(), report.plan().judgeCalls());
    return null;
  }
}
