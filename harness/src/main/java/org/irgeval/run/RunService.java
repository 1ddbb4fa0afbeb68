package org.irgeval.run;

import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PipelineConfig;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.RunSpecRecord;
import org.irgeval.store.record.Summary;

/**
 * What the commands that make run directories do: {@code run}, {@code score} (rescore), {@code import} and
 * {@code merge}. Each command parses its flags and makes one call here; what a run directory gets after its run
 * (labels, its report) is the {@link Aftercare} the caller hands in, so this module needs no report code.
 */
public final class RunService {
  private final Registry registry;
  private final JudgeOpener judges;
  private final PrintWriter err;
  private final Aftercare aftercare;

  /** What a run directory gets after a session: its labels and its report. */
  @FunctionalInterface
  public interface Aftercare {
    /**
     * @param runDir the run directory written
     * @param labels labels to add ({@code run --label})
     * @param demo   the embedded demo (it writes its full report)
     * @return the report written, or null
     */
    Path afterRun(Path runDir, Map<String, String> labels, boolean demo) throws Exception;

    /** Writes nothing. */
    Aftercare NONE = (dir, labels, demo) -> null;
  }

  /**
   * @param registry  discovered plugins
   * @param judges    opens the judge client for a run's {@link JudgeConfig}
   * @param err       where progress and warnings go
   * @param aftercare what a run directory gets after each session
   */
  public RunService(Registry registry, JudgeOpener judges, PrintWriter err, Aftercare aftercare) {
    this.registry = registry;
    this.judges = judges;
    this.err = err;
    this.aftercare = aftercare;
  }

  /** How a session scores: {@code --scorer}, {@code --scorer-opt} and the judge (null: none). */
  public record Scoring(Map<String, String> scorers, Map<String, String> options, JudgeConfig judge) {
    public static final Scoring DEFAULT = new Scoring(Map.of(), Map.of(), null);
  }

  /**
   * @param config               the run
   * @param labels               labels for reports across runs
   * @param listedWithoutAdapter benchmarks listed as "not scored" for want of an adapter (the demo's samples)
   * @param demo                 the embedded demo
   */
  public record RunRequest(RunConfig config, Map<String, String> labels, List<String> listedWithoutAdapter,
                           boolean demo) {}

  /** @param result what the session did @param report the report written, or null */
  public record RunOutcome(RunResult result, Path report) {}

  /**
   * @param benchmark          benchmark id
   * @param results            the official results (file or folder)
   * @param out                the run directory to write
   * @param dataDir            data root
   * @param dataNamed          whether {@code --data} was given (else, without official files, the results' own
   *                           prompts are used)
   * @param benchOptions       {@code --bench-opt}, by benchmark
   * @param promptsFromResults aggregate with the prompts the results name
   */
  public record ImportRequest(String benchmark, Path results, Path out, Path dataDir, boolean dataNamed,
                              Map<String, Map<String, String>> benchOptions, boolean promptsFromResults) {}

  /**
   * @param runDir    the run directory written
   * @param benchmark the benchmark
   * @param scores    score lines imported
   * @param summary   its summary
   * @param report    the report written, or null
   */
  public record ImportOutcome(Path runDir, String benchmark, int scores, Summary summary, Path report) {}

  /** @param merged what the merge joined @param seconds how long it took @param scored the scoring after it, or null */
  public record MergeOutcome(RunMerger.Result merged, double seconds, RunOutcome scored) {}

  /** Generates and scores what the run directory lacks ({@code irg-eval run}). */
  public RunOutcome run(RunRequest r) throws Exception {
    RunResult result = new RunEngine(registry, judges, err).run(r.config());
    if (!r.listedWithoutAdapter().isEmpty()) {
      result = listWithoutAdapter(result, r.listedWithoutAdapter());
    }
    return new RunOutcome(result, aftercare.afterRun(result.runDir(), r.labels(), r.demo()));
  }

  /**
   * Scores the stored trajectories of {@code run} ({@code irg-eval score}): benchmarks, data, limit, seed and
   * shard come from its manifest's run specification; {@code scoring}'s scorers are added to the recorded ones.
   *
   * @param data the data root, or null for the recorded one
   * @param argv the command line, for the manifest
   */
  public RunOutcome rescore(Path run, Path data, Scoring scoring, List<String> argv) throws Exception {
    RunConfig cfg = rescoreConfig(run, data, scoring, argv);
    RunResult result = new RunEngine(registry, judges, err).run(cfg);
    return new RunOutcome(result, aftercare.afterRun(run, Map.of(), false));
  }

  /** What {@link #rescore} runs: the recorded run's configuration with these scorers (for its preflight). */
  public RunConfig rescoreConfig(Path run, Path data, Scoring scoring, List<String> argv) throws IOException {
    Manifest manifest;
    try (RunStore store = RunStore.open(run)) {
      manifest = store.readManifest();
    }
    if (manifest == null || manifest.config() == null) {
      throw new IllegalArgumentException(run.resolve(RunStore.MANIFEST) + " is missing: not a run directory");
    }
    RunSpecRecord c = manifest.config();
    Map<String, String> chosen = new LinkedHashMap<>(c.scorers() == null ? Map.of() : c.scorers());
    chosen.putAll(scoring.scorers());
    Path dataDir = data != null ? data : Path.of(c.dataDir());
    PipelineConfig pc = new PipelineConfig(List.of(), c.preset(), 1, c.turns() == null ? 2 : c.turns(), Map.of(),
        dataDir, null, registry::benchmark);
    return RunConfig.at(run).data(dataDir).benchmarks(c.benchmarks())
        .benchOptions(c.benchOptions() == null ? Map.of() : c.benchOptions()).pipeline(c.pipeline(), pc)
        .samples(c.samples()).seed(c.seed() == null ? 0 : c.seed()).limit(c.limit() == null ? -1 : c.limit())
        .scoring(chosen, scoring.options(), scoring.judge()).mode(RunConfig.Mode.SCORE_ONLY).argv(argv)
        .shard(c.shard() == null ? null : Shard.parse(c.shard())).build();
  }

  /** Writes the official results of one benchmark as a run directory of their own ({@code irg-eval import}). */
  public ImportOutcome importResults(ImportRequest r) throws Exception {
    ImportOutcome o = new OfficialImport(registry, err).write(r);
    return new ImportOutcome(o.runDir(), o.benchmark(), o.scores(), o.summary(),
        aftercare.afterRun(o.runDir(), Map.of(), false));
  }

  /**
   * Joins the shards of one run into {@code out} ({@code irg-eval merge}), then, unless {@code scoring} is null,
   * scores what is unscored and writes its summary, exports and report like {@link #rescore}.
   *
   * @param data the data root for scoring, or null for the recorded one
   */
  public MergeOutcome merge(List<Path> shards, Path out, boolean allowIncomplete, Path data, Scoring scoring,
                            List<String> argv) throws Exception {
    long t0 = System.nanoTime();
    RunMerger.Result merged = new RunMerger().merge(shards, out, allowIncomplete);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new MergeOutcome(merged, seconds, scoring == null ? null : rescore(out, data, scoring, argv));
  }

  /** Lists benchmarks that have demo samples but no adapter yet as "not scored" in summary.json. */
  private static RunResult listWithoutAdapter(RunResult result, List<String> ids) throws java.io.IOException {
    Map<String, Summary.BenchmarkSummary> more = new LinkedHashMap<>();
    for (String id : ids) {
      more.put(id, Summary.BenchmarkSummary.notScored("no benchmark adapter for '" + id
          + "' is registered yet (demo samples are present)"));
    }
    Summary s = result.summary().with(more);
    AtomicFiles.write(result.runDir(), result.runDir().resolve(RunStore.SUMMARY), RecordJson.bytes(s));
    return new RunResult(result.runDir(), s, result.generated(), result.scored(), result.generationFailures(),
        result.scoreIncomplete(), result.repairs(), result.stopped(), result.exportFailures());
  }
}
