package org.irgeval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.run.Registry;
import org.irgeval.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code irg-eval score RUN}: score the trajectories a (--generate-only) run stored, without any generator. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score the stored trajectories of RUN (e.g. generated on GPU nodes with --generate-only). "
        + "Benchmarks, data, limit and seed come from RUN/manifest.json; only missing scores are computed.")
public final class ScoreCommand implements Callable<Integer>, Main.Resumable {
  @Parameters(index = "0", paramLabel = "RUN", description = "Run directory.")
  Path run;

  @Option(names = "--data", paramLabel = "DIR", description = "Data root (default: the one recorded in the manifest).")
  Path data;

  @Mixin
  ScorerOptions scoring = new ScorerOptions();

  @Mixin
  JsonOption output = new JsonOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Path workDir() {
    return run;
  }

  @Override
  public Integer call() throws Exception {
    RunService service = RunReports.service(spec);
    List<String> argv = List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
    Integer stop = new PreflightGate(Registry.discover(), spec).check(
        service.rescoreConfig(run, data, scoring.scoring(), argv), false, false);
    if (stop != null) {
      return stop;
    }
    RunService.RunOutcome o = service.rescore(run, data, scoring.scoring(), argv);
    if (output.json) {
      JsonOption.print(spec.commandLine().getOut(), RunJson.of(o));
    } else {
      new SummaryPrinter(spec.commandLine().getOut()).print(o.result());
    }
    return ExitCodes.of(o.result());
  }
}
