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

  @picocli.CommandLine.Mixin
  JsonOption output = new JsonOption();

  /** The {@code --json} result: the import's run folder, what was imported and its summary.json. */
  record Imported(String run, String benchmark, int scores, String report,
                  com.fasterxml.jackson.databind.JsonNode summary) {}

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutFolder.check("--out", out);
    RunService.ImportOutcome o = RunReports.service(spec).importResults(new RunService.ImportRequest(benchmark,
        results, out, data.resolve(), data.data != null, KeyValues.byPrefix(benchOptions, "--bench-opt"),
        promptsFromResults));
    var stdout = spec.commandLine().getOut();
    if (output.json) {
      JsonOption.print(stdout, new Imported(o.runDir().toString(), o.benchmark(), o.scores(),
          o.report() == null ? null : o.report().toString(), RecordJson.tree(o.summary())));
      return ExitCodes.OK;
    }
    stdout.printf(java.util.Locale.ROOT, "imported %d scores of %s into %s (variant 'imported')%n", o.scores(),
        o.benchmark(), o.runDir());
    stdout.println("results: " + o.runDir().resolve("summary.json")
        + (o.report() == null ? "" : ", report: " + o.report()) + " (--json prints the summary)");
    stdout.flush();
    return ExitCodes.OK;
  }
}
