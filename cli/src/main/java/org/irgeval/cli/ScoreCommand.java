package org.irgeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineConfig;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.run.RunEngine;
import org.irgeval.run.RunResult;
import org.irgeval.run.Steps;
import org.irgeval.store.RunStore;
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

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Path workDir() {
    return run;
  }

  @Override
  public Integer call() throws Exception {
    ObjectNode manifest;
    try (RunStore store = RunStore.open(run)) {
      manifest = store.readManifest();
    }
    if (manifest == null || !manifest.has("config")) {
      throw new IllegalArgumentException(run.resolve(RunStore.MANIFEST) + " is missing: not a run directory");
    }
    JsonNode c = manifest.get("config");
    Registry registry = Registry.discover();
    List<String> benches = new ArrayList<>();
    c.path("benchmarks").forEach(b -> benches.add(b.asText()));
    Map<String, Map<String, String>> benchOptions = new LinkedHashMap<>();
    c.path("bench_options").fields().forEachRemaining(e -> {
      Map<String, String> m = new LinkedHashMap<>();
      e.getValue().fields().forEachRemaining(kv -> m.put(kv.getKey(), kv.getValue().asText()));
      benchOptions.put(e.getKey(), m);
    });
    Map<String, String> chosen = new LinkedHashMap<>();
    c.path("scorers").fields().forEachRemaining(e -> chosen.put(e.getKey(), e.getValue().asText()));
    chosen.putAll(scoring.chosen());
    Path dataDir = data != null ? data : Path.of(c.path("data_dir").asText());
    PipelineConfig pc = new PipelineConfig(List.of(), c.path("preset").isTextual() ? c.path("preset").asText() : null,
        1, c.path("turns").asInt(2), Map.of(), dataDir, null, registry::benchmark);
    RunConfig cfg = new RunConfig(run.getFileName().toString(), run,
        dataDir, benches, benchOptions, c.path("pipeline").asText(), pc,
        c.has("samples") ? c.get("samples").asInt() : null, c.path("seed").asLong(), c.path("limit").asInt(-1), chosen,
        scoring.options(), scoring.judgeSettings(), RunConfig.Mode.SCORE_ONLY, false,
        List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)))
        .withShard(c.hasNonNull("shard") ? org.irgeval.run.Shard.parse(c.get("shard").asText()) : null);
    RunResult result = new RunEngine(registry, JudgeBackends::open, spec.commandLine().getErr()).run(cfg);
    new Steps(spec.commandLine().getErr()).run("report.md (tables, comparisons)", () -> new Reports().afterRun(run),
          ReportReuse.Outcome::said);
    new SummaryPrinter(spec.commandLine().getOut()).print(result);
    return ExitCodes.of(result);
  }
}
