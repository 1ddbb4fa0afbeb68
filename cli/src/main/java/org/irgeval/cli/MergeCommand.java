package org.irgeval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.run.RunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code irg-eval merge SHARD... --out RUN}: join the run directories of {@code irg-eval run --shard i/N} into one
 * run, then score what is unscored and write its summary, exports and report like {@code irg-eval score}.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Join the shards of one run (irg-eval run ... --shard i/N) into one run directory: checks that the"
        + " shards share one configuration and cover every planned prompt exactly once (missing or doubled prompts are"
        + " listed), links the images, writes the journals, prompts, manifest, then scores anything unscored and writes"
        + " summary.json, exports and report.md (as 'irg-eval score'). See docs/slurm.md."})
public final class MergeCommand implements Callable<Integer>, Main.Resumable {
  @Parameters(arity = "1..*", paramLabel = "SHARD", description = "The shards' run directories.")
  List<Path> shards;

  @Option(names = "--out", required = true, paramLabel = "RUN", description = "The merged run directory (new).")
  Path out;

  @Option(names = "--allow-incomplete",
      description = "Merge even when some trajectories failed to generate; an unsharded 'irg-eval run' with the same"
          + " settings and --out RUN then generates just those.")
  boolean allowIncomplete;

  @Option(names = "--no-score", description = "Only join the shards; score and summarise later with 'irg-eval score RUN'.")
  boolean noScore;

  @Option(names = "--data", paramLabel = "DIR", description = "Data root for scoring (default: the one in the shards' manifest).")
  Path data;

  @Mixin
  ScorerOptions scoring = new ScorerOptions();

  @Mixin
  JsonOption output = new JsonOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Path workDir() {
    return out;
  }

  @Override
  public Integer call() throws Exception {
    OutFolder.check("--out", out);
    RunService.MergeOutcome m = RunReports.service(spec).merge(shards, out, allowIncomplete, data,
        noScore ? null : scoring.scoring(),
        List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
    return new MergePrinter(spec.commandLine().getOut()).print(m, out, output.json);
  }
}
