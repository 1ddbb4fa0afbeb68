package org.irgeval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.PromptSet;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.RunStore;
import org.irgeval.store.SafeFiles;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.RunFingerprint;
import org.irgeval.store.record.Summary;
import org.irgeval.util.Json;

/**
 * Runs benchmarks through a pipeline and scorers into a run directory, resuming whatever an earlier session
 * of the same run left, and writes {@code manifest.json} and {@code summary.json}.
 */
public final class RunEngine {
  private final Registry registry;
  private final JudgeOpener judgeOpener;
  private final PrintWriter err;
  private final ObjectMapper mapper = Json.mapper();
  /** Export threads: off the generation path, so half the cores at most (layouts that encode use them). */
  private static final int EXPORT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /**
   * @param registry    discovered plugins
   * @param judgeOpener opens the judge client for {@code --judge-url} (settings, cache dir)
   * @param err         where progress and warnings go
   */
  public RunEngine(Registry registry, JudgeOpener judgeOpener, PrintWriter err) {
    this.registry = registry;
    this.judgeOpener = judgeOpener;
    this.err = err;
  }

  public RunResult run(RunConfig cfg) throws Exception {
    boolean existed = Files.exists(cfg.runDir(), LinkOption.NOFOLLOW_LINKS);
    try {
      return runIn(cfg);
    } catch (Exception e) {
      if (!existed) {
        removeIfUntouched(cfg.runDir()); // a refused option or data error leaves no empty run folder behind
      }
      throw e;
    }
  }

  /** Deletes {@code dir} when it holds nothing but folders and empty files (this process made it and wrote nothing). */
  private static void removeIfUntouched(Path dir) {
    try (var walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) > 0
            || Files.isSymbolicLink(p)) {
          return;
        }
      }
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: an empty folder left behind is harmless
    }
  }

  private RunResult runIn(RunConfig cfg) throws Exception {
    List<PromptSet> planned = loadPromptSets(cfg); // --shard: the whole plan, of which this process runs its part
    List<PromptSet> sets = cfg.shard() == null ? planned : planned.stream().map(cfg.shard()::select).toList();
    if (cfg.forceNew()) {
      moveAside(cfg.runDir());
    }
    RunStore.requireManifestWithJournals(cfg.runDir());
    try (RunStore store = RunStore.open(cfg.runDir())) {
      store.repairs().forEach(r -> err.println("repaired: " + r));
      Manifest manifest = store.readManifest();
      if (manifest != null && manifest.isImport()) {
        // its summary and manifest are the import's: a run here would replace them (and a re-import the run's)
        throw new RunConflictException(cfg.runDir() + " holds an import of official results ('irg-eval import'), not a"
            + " run: give 'run' and 'score' another --out (report and compare read it as it is)");
      }
      return session(cfg, store, manifest, sets, planned);
    }
  }

  /** One session on an open run directory: pipeline, judge and scorers open for its length. */
  private RunResult session(RunConfig cfg, RunStore store, Manifest manifest, List<PromptSet> sets,
                            List<PromptSet> planned) throws Exception {
    boolean generate = cfg.mode() != RunConfig.Mode.SCORE_ONLY;
    boolean score = cfg.mode() != RunConfig.Mode.GENERATE_ONLY;
    try (Pipeline pipeline = generate ? openPipeline(cfg) : null;
         JudgeBackend judge = score && cfg.judge() != null ? judgeOpener.open(cfg.judge(),
             SafeFiles.createDirectories(cfg.runDir(), cfg.runDir().resolve("cache/judge"))) : null;
         OpenBenchmarks benches = new OpenBenchmarks()) {
      boolean plumbingPipeline = pipeline != null ? pipeline.plumbing()
          : manifest != null && Boolean.TRUE.equals(manifest.plumbing());
      List<String> scorerNotes = new ArrayList<>();
      Map<String, ScorerProvider> chosen = chooseScorers(cfg, sets, plumbingPipeline, judge != null);
      OptionCheck.ScorerOptions scorerOptions = OptionCheck.scorers(chosen.values(), cfg.scorerOptions());
      for (PromptSet set : sets) {
        benches.add(openBenchmark(cfg, set, score, chosen.get(set.benchmark()), scorerOptions, judge, scorerNotes,
            manifest));
      }
      RunFingerprint fingerprint = new RunManifest().fingerprint(cfg, benches.all, pipeline, manifest);
      if (manifest != null && !cfg.forceNew()) {
        List<String> conflicts = ConfigFingerprint.conflicts(
            manifest.fingerprint() == null ? null : RecordJson.tree(manifest.fingerprint()),
            RecordJson.tree(fingerprint));
        if (!conflicts.isEmpty()) {
          throw new RunConflictException(cfg.runDir() + " holds a run with another configuration:\n  "
              + String.join("\n  ", conflicts)
              + "\nUse another --out, or --force-new to start afresh (the old directory is kept, renamed).");
        }
      }
      boolean plumbing = plumbingPipeline || benches.all.stream().anyMatch(BenchmarkRun::plumbingScore);
      Manifest man = new RunManifest().manifest(cfg, manifest, fingerprint, sets, pipeline, plumbing, scorerNotes);
      store.writeManifest(man);
      for (PromptSet set : sets) {
        store.writePromptSet(set);
      }
      ShardPlan.write(store.dir(), cfg.shard(), planned);

      RunPlan plan = RunPlan.of(benches.all, store, cfg.seed(), fingerprint.turns(), generate, score);
      FailureLog failures = new FailureLog(err);
      Executed done = execute(cfg, store, pipeline, score, plan, benches.all, fingerprint.turns(), failures);
      failures.report(store.dir(), "run the same command again to retry them");
      Manifest.Exports exports = done.exports();
      if (exports.failures() > 0) {
        err.println("official-layout export: " + exports.failures() + " prompt(s) failed"
            + " and will be retried by the next run; first: " + exports.errors().get(0));
      }
      WorkExecutor.Outcome outcome = done.outcome();
      Summary summary = new Steps(err).run("summary (bootstrap 95% CIs, official-layout results)",
          () -> new SummaryBuilder(StratifiedBootstrap.standard())
              .summary(cfg, store, benches.all, plan, outcome, pipeline, judge, plumbing),
          s -> s.summaryComputation().reused() ? "reused: journals and settings unchanged" : "computed");
      store.writeSummary(summary);
      // exports: hard links or copies (and why), docs/architecture.md
      store.writeManifest(man.withEnd(Instant.now().toString(), exports, judge != null
          ? new Manifest.JudgeUsed(List.copyOf(judge.models())) : man.judgeUsed()));
      return new RunResult(cfg.runDir(), summary, outcome.generated(), outcome.scored(),
          outcome.generationFailures(), outcome.scoreIncomplete(), store.repairs(), outcome.stopped(),
          exports.failures());
    }
  }

  /** What the work of a session gave: the executor's counts and the official-layout export's. */
  private record Executed(WorkExecutor.Outcome outcome, Manifest.Exports exports) {}

  /** Generates and scores the plan, exporting each prompt's images as they land; then finishes the export. */
  private Executed execute(RunConfig cfg, RunStore store, Pipeline pipeline, boolean score, RunPlan plan,
                           List<BenchmarkRun> benches, int turns, FailureLog failures) throws Exception {
    int scoreWork = plan.scoring().size();
    if (score) {
      Map<String, BenchmarkRun> byId = byId(benches);
      for (var g : plan.generations()) {
        if (byId.get(g.benchmark()).scorer() != null) {
          scoreWork += turns;
        }
      }
    }
    try (OfficialExports exporter = OfficialExports.start(store, benches, EXPORT_THREADS)) {
      WorkExecutor.Outcome outcome;
      try (Progress progress = new Progress(cfg.name(), plan.generations().size(), scoreWork)) {
        outcome = new WorkExecutor(store, pipeline, score, progress, err, exporter::landed, failures)
            .execute(plan, byId(benches));
      }
      return new Executed(outcome, exporter.finish());
    }
  }

  /** The session's benchmarks; closing it closes their scorers. */
  private static final class OpenBenchmarks implements AutoCloseable {
    final List<BenchmarkRun> all = new ArrayList<>();

    void add(BenchmarkRun b) {
      all.add(b);
    }

    @Override
    public void close() throws Exception {
      for (BenchmarkRun b : all) {
        if (b.scorer() != null) {
          b.scorer().close();
        }
      }
    }
  }

  private List<PromptSet> loadPromptSets(RunConfig cfg) throws DataException {
    List<PromptSet> sets = new ArrayList<>();
    List<Benchmark> bs = new ArrayList<>();
    for (String id : cfg.benchmarks()) {
      bs.add(registry.benchmark(id).orElseThrow(() -> new IllegalArgumentException(
          "unknown benchmark '" + id + "' (known: " + registry.benchmarks().stream().map(Benchmark::id).toList() + ")")));
    }
    OptionCheck.benchmarkPrefixes(cfg.benchmarks(), cfg.benchOptions());
    // Every option is checked before any file is read, so a typo costs nothing.
    List<Map<String, String>> options = new ArrayList<>();
    for (Benchmark b : bs) {
      options.add(OptionCheck.benchmark(b, cfg.benchOptions().getOrDefault(b.id(), Map.of())));
    }
    for (int i = 0; i < bs.size(); i++) {
      sets.add(bs.get(i).load(cfg.dataDir(), options.get(i)).limit(cfg.limit()));
    }
    return sets;
  }

  private Pipeline openPipeline(RunConfig cfg) throws Exception {
    PipelineProvider p = registry.pipeline(cfg.pipeline()).orElseThrow(() -> new IllegalArgumentException(
        "unknown pipeline '" + cfg.pipeline() + "' (known: "
            + registry.pipelines().stream().map(PipelineProvider::id).toList() + ")"));
    PipelineConfig pc = cfg.pipelineConfig();
    return p.open(new PipelineConfig(pc.endpoints(), pc.preset(), pc.concurrency(), pc.turns(),
        OptionCheck.pipeline(p, pc.options()), pc.dataDir(), pc.imagesDir(), pc.benchmarks()));
  }

  /**
   * The scorer provider of every benchmark (absent: none registered). A scorer named with {@code --scorer} that
   * does not exist is an error, also in a generate-only run, so the later {@code score} cannot fail on it.
   */
  private Map<String, ScorerProvider> chooseScorers(RunConfig cfg, List<PromptSet> sets, boolean plumbingPipeline,
                                                    boolean judgeConfigured) {
    for (String named : cfg.scorers().keySet()) {
      if (sets.stream().noneMatch(s -> s.benchmark().equals(named))) {
        throw new IllegalArgumentException("--scorer " + named + "=...: '" + named
            + "' is not a benchmark of this command");
      }
    }
    Map<String, ScorerProvider> chosen = new LinkedHashMap<>();
    for (PromptSet set : sets) {
      String id = set.benchmark();
      String named = cfg.scorers().get(id);
      Optional<ScorerProvider> p = registry.chooseScorer(id, named, plumbingPipeline, judgeConfigured);
      if (named != null && p.isEmpty()) {
        throw new IllegalArgumentException("no scorer '" + named + "' for " + id + " (known: "
            + registry.scorersFor(id).stream().map(ScorerProvider::id).toList() + ")");
      }
      p.ifPresent(sp -> chosen.put(id, sp));
    }
    return chosen;
  }

  private BenchmarkRun openBenchmark(RunConfig cfg, PromptSet set, boolean score, ScorerProvider sp,
                                     OptionCheck.ScorerOptions scorerOptions, JudgeFactory judge,
                                     List<String> scorerNotes, Manifest manifest) throws Exception {
    Benchmark b = registry.benchmark(set.benchmark()).orElseThrow();
    int samples = cfg.samples() != null ? cfg.samples() : b.defaultSamples();
    if (!score) {
      return new BenchmarkRun(b, set, samples, null, null, false, RunResult.GENERATE_ONLY);
    }
    if (sp == null) {
      return new BenchmarkRun(b, set, samples, null, null, false, "no scorer registered for " + b.id() + " yet");
    }
    if (judge != null && sp.plumbing()) {
      String note = b.id() + ": scored by " + sp.id() + ", a plumbing check; the judge (--judge-url) is not used for"
          + " it" + (sp.usesJudge() ? "" : " (" + b.id() + " has no judge scorer)");
      err.println(note);
      scorerNotes.add(note);
    }
    // A renamed scorer keeps the id its run directory recorded (one of its aliases), so an old run resumes with
    // its scores, fingerprint and cache instead of starting over.
    String stored = Optional.ofNullable(manifest).map(Manifest::fingerprint).map(RunFingerprint::benchmarks)
        .map(m -> m.get(b.id())).map(RunFingerprint.BenchmarkFingerprint::scorer)
        .map(RunFingerprint.ScorerId::id).orElse("");
    String scorerId = sp.describe().answersTo(stored) ? stored : sp.id();
    // made here without following links; a scorer writes its cache below it (AtomicFiles refuses links there)
    Path scorerCache = SafeFiles.createDirectories(cfg.runDir(),
        cfg.runDir().resolve("cache/scorers/" + scorerId));
    ScorerContext ctx = scorerOptions.context(sp, cfg.dataDir(), scorerCache, Optional.ofNullable(judge), set);
    try {
      Scorer scorer = PlumbingLabel.open(sp, ctx);
      return new BenchmarkRun(b, set, samples, scorerId, scorer, sp.plumbing(), null);
    } catch (ScorerUnavailableException e) {
      err.println(b.id() + ": not scored: " + e.getMessage());
      return new BenchmarkRun(b, set, samples, null, null, false, sp.id() + ": " + e.getMessage());
    }
  }

  private static Map<String, BenchmarkRun> byId(List<BenchmarkRun> benches) {
    Map<String, BenchmarkRun> m = new LinkedHashMap<>();
    benches.forEach(b -> m.put(b.id(), b));
    return m;
  }

  private void moveAside(Path dir) throws IOException {
    if (Files.isDirectory(dir) && Files.list(dir).findAny().isPresent()) {
      Path aside = dir.resolveSibling(dir.getFileName() + ".old-" + Instant.now().toString().replace(':', '-'));
      Files.move(dir, aside);
      err.println("--force-new: kept the earlier run as " + aside);
    }
  }
}
