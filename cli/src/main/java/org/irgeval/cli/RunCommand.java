package org.irgeval.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineConfig;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.run.RunService;
import org.irgeval.run.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code irg-eval run}: generate trajectories and score both variants; without --pipeline, the embedded demo. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run benchmarks through a pipeline and score every trajectory twice: 'no-reflection' (turn 1 image)"
        + " and 'reflection' (turn 2 image). A killed run started again with the same command does only the missing work.",
        "Without --pipeline: the embedded demo (CPU reference pipeline on built-in samples, plumbing scorers) into runs/demo"
        + " (its sample data is written next to it, into runs/demo-data)."})
public class RunCommand implements Callable<Integer>, Main.Resumable {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Read options from a YAML or JSON file (keys are the long options without dashes; flags given"
          + " here override the file's entries; see configs/ and docs/configs.md).")
  Path config;

  @Option(names = "--dry-run", description = "Print the plan (trajectories, images, judge calls, GPU-hours, judge cost)"
      + " and exit: nothing is generated, scored or contacted.")
  boolean dryRun;

  /** True for {@code irg-eval doctor}: the checks and the plan, then exit. */
  boolean doctorOnly() {
    return false;
  }

  @Option(names = "--benchmarks", split = ",", paramLabel = "LIST",
      description = "Benchmark ids, comma-separated (default: all registered; see 'irg-eval list').")
  List<String> benchmarks;

  @Option(names = "--pipeline", paramLabel = "ID", description = "reference | irg | images (see 'irg-eval list').")
  String pipeline;

  @Option(names = "--endpoint", paramLabel = "URL", description = "IRG server URL; repeat for several GPUs.")
  List<URI> endpoints = new ArrayList<>();

  @Option(names = "--concurrency", defaultValue = "1", description = "Requests in flight per endpoint. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--preset", paramLabel = "NAME", description = "Generation preset (irg-paper, bagel-plain, bagel-think, ...).")
  String preset;

  @Option(names = "--turns", paramLabel = "T", description = "Image turns per trajectory (default: the preset's, 2 for the reference pipeline; 3 or 4 add variants"
      + " turn-3, turn-4).")
  Integer turns;

  @Option(names = "--reflection", paramLabel = "on|off", defaultValue = "on",
      description = "off stops after turn 1 (half the GPU time). Default: ${DEFAULT-VALUE}.")
  String reflection;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--out", paramLabel = "RUN", description = "Run directory (default for the demo: runs/demo).")
  Path out;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N prompts of each benchmark (N >= 1).")
  Integer limit;

  @Option(names = "--samples", paramLabel = "K", description = "Images per prompt (default: each benchmark's official count).")
  Integer samples;

  @Option(names = "--label", paramLabel = "KEY=VALUE",
      description = "Label the run for reports across runs, e.g. --label step=1200 (repeatable; report --trend step).")
  List<String> labels;

  @Option(names = "--seed", defaultValue = "42", description = "Run seed; per-sample seeds derive from it. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--images", paramLabel = "DIR", description = "For --pipeline images: folder of images in the benchmark's official layout.")
  Path images;

  @Mixin
  ScorerOptions scoring = new ScorerOptions();

  @Option(names = "--bench-opt", paramLabel = "BENCH.KEY=VALUE", description = "Benchmark option (e.g. wise.version=verified, geneval.prompts=rewritten).")
  List<String> benchOptions;

  @Option(names = "--pipeline-opt", paramLabel = "KEY=VALUE", description = "Pipeline option (e.g. mistake-rate=0.3 for the reference pipeline).")
  List<String> pipelineOptions;

  @Option(names = "--generate-only", description = "Store trajectories and images without scoring (score later with 'irg-eval score RUN').")
  boolean generateOnly;

  @Option(names = "--shard", paramLabel = "i/N",
      description = "Run only shard i of N (0 <= i < N; split by benchmark and prompt id, seeds as in the whole run);"
          + " each shard needs its own --out. Join the shards with 'irg-eval merge' (docs/slurm.md).")
  String shard;

  @Option(names = "--force-new", description = "Start afresh when RUN holds another configuration (the old directory is kept, renamed).")
  boolean forceNew;

  @Mixin
  JsonOption output = new JsonOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The most image turns a trajectory may have (variants no-reflection, reflection, turn-3, turn-4). */
  static final int MAX_TURNS = 4;

  /** Every command-line value is checked before any work (a typo must not cost a night of GPU time). */
  private void validate() {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit must be >= 1 (leave it out for every prompt): " + limit);
    }
    if (samples != null && samples < 1) {
      throw new IllegalArgumentException("--samples must be >= 1: " + samples);
    }
    if (!reflection.equals("on") && !reflection.equals("off")) {
      throw new IllegalArgumentException("--reflection must be on or off: " + reflection);
    }
    if (turns != null && (turns < 1 || turns > MAX_TURNS)) {
      throw new IllegalArgumentException("--turns must be 1.." + MAX_TURNS + ": " + turns);
    }
    if (turns != null && reflection.equals("off") && turns != 1) {
      throw new IllegalArgumentException("--reflection off means one turn; it contradicts --turns " + turns);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be >= 1: " + concurrency);
    }
    if (pipeline != null && !pipeline.equals("irg") && !endpoints.isEmpty()) {
      throw new IllegalArgumentException("--endpoint is for --pipeline irg, not " + pipeline);
    }
    OutFolder.check("--out", out);
  }

  @Override
  public Path workDir() {
    return out != null ? out : pipeline == null ? Path.of("runs", "demo") : null;
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Registry registry = Registry.discover();
    boolean demo = pipeline == null;
    Path dataDir = data.resolve();
    Path runDir = out;
    List<String> benches = benchmarks;
    List<String> withoutAdapter = List.of();
    if (demo) {
      runDir = runDir == null ? Path.of("runs", "demo") : runDir;
      DemoData demoData = new DemoData();
      dataDir = demoData.extract(runDir.toAbsolutePath().getParent().resolve("demo-data"));
      if (benches == null) {
        benches = new ArrayList<>();
        withoutAdapter = new ArrayList<>();
        for (String folder : demoData.benchmarkFolders()) {
          (registry.benchmark(folder).isPresent() ? benches : withoutAdapter).add(folder);
        }
      }
      spec.commandLine().getErr().println("irg-eval demo: CPU reference pipeline on built-in samples ("
          + dataDir + "); a plumbing check, not a model's score.");
    } else if (runDir == null && (dryRun || doctorOnly())) {
      runDir = Path.of("runs", "plan"); // only named in the plan and the disk check, never created
    } else if (runDir == null) {
      throw new IllegalArgumentException("--out RUN is required with --pipeline (the run directory to write or resume)");
    }
    if (benches == null) {
      benches = registry.benchmarks().stream().map(Benchmark::id).toList();
    }
    // 0 = the pipeline's default (the preset's turn count; 2 for the reference pipeline).
    int t = "off".equals(reflection) ? 1 : turns != null ? turns : 0;
    PipelineConfig pc = new PipelineConfig(endpoints, preset, concurrency, t,
        KeyValues.parse(pipelineOptions, "--pipeline-opt"), dataDir, images,
        registry::benchmark);
    RunConfig cfg = RunConfig.at(runDir).data(dataDir).benchmarks(benches)
        .benchOptions(KeyValues.byPrefix(benchOptions, "--bench-opt")).pipeline(demo ? "reference" : pipeline, pc)
        .samples(samples).seed(seed).limit(limit == null ? -1 : limit)
        .scoring(scoring.chosen(), scoring.options(), scoring.judgeSettings())
        .mode(generateOnly ? RunConfig.Mode.GENERATE_ONLY : RunConfig.Mode.GENERATE_AND_SCORE).forceNew(forceNew)
        .shard(shard == null ? null : Shard.parse(shard))
        .argv(List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new))).build();
    Integer stop = new PreflightGate(registry, spec).check(cfg, dryRun, doctorOnly(), output.json);
    if (stop != null) {
      return stop;
    }
    RunService.RunOutcome o = RunReports.service(spec).run(new RunService.RunRequest(cfg,
        KeyValues.parse(labels, "--label"), withoutAdapter, demo));
    if (output.json) {
      JsonOption.print(spec.commandLine().getOut(), RunJson.of(o));
      return ExitCodes.of(o.result());
    }
    new SummaryPrinter(spec.commandLine().getOut()).print(o.result());
    if (demo) {
      spec.commandLine().getOut().println("demo report (a plumbing check, not a model's score): " + o.report());
    }
    return ExitCodes.of(o.result());
  }

}
