package org.irgeval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.run.RunService;
import org.irgeval.store.record.RecordJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code irg-eval import}: turns the score files of a benchmark's official scripts into a run directory with
 * one variant, {@code imported}, aggregated by our port of the official rules (so both can be compared).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Aggregate the outputs of a benchmark's official scoring scripts into RUN/summary.json (variant 'imported').")
public final class ImportCommand implements Callable<Integer> {
  @Option(names = "--benchmark", required = true, description = "Benchmark id.")
  String benchmark;

  @Option(names = "--official-results", required = true, paramLabel = "PATH",
      description = "The official output file or folder (e.g. GenEval results.jsonl, WISE *_scores.jsonl folder).")
  Path results;

  @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory to write.")
  Path out;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--bench-opt", paramLabel = "BENCH.KEY=VALUE", description = "Benchmark option (e.g. wise.version=verified).")
  List<String> benchOptions;

  @Option(names = "--prompts-from-results", description = "Aggregate with the prompts the results name, as the official"
      + " aggregation scripts do, even when a data folder with the official prompt files is at hand.")
  boolean promptsFromResults;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutFolder.check("--out", out);
    RunService.ImportOutcome o = RunReports.service(spec).importResults(new RunService.ImportRequest(benchmark,
        results, out, data.resolve(), data.data != null, KeyValues.byPrefix(benchOptions, "--bench-opt"),
        promptsFromResults));
    spec.commandLine().getOut().println(new String(RecordJson.bytes(o.summary()), java.nio.charset.StandardCharsets.UTF_8));
    return ExitCodes.OK;
  }
}
