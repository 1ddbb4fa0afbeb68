package org.irgeval.preflight;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.GenerationEstimate;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeException;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.JudgeReply;
import org.irgeval.api.JudgeRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.download.Downloader;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.scoring.judge.JudgeConfig;

/**
 * The checks {@code irg-eval doctor} prints and {@code run} and {@code score} pass before any work, each in seconds:
 * the data of every chosen benchmark loads; every chosen scorer opens with its files and options (and is closed
 * again); the judge answers one tiny request per model in the format the scorers parse, with the key; the pipeline
 * opens (the IRG client's health check: endpoints up, with the right weights); the disk holds the planned images.
 * Beside them, the plan: trajectories, images, judge calls, GPU-hours and judge cost.
 *
 * <p>An option the run would refuse (an unknown benchmark, pipeline or scorer, a bad option value, a judge URL that
 * is not one) is thrown as {@link IllegalArgumentException}, as the run itself would: a usage error, not a check.
 *
 * <p>A plan-only check ({@code --dry-run}) contacts nothing and opens nothing: it reads the data when it is there,
 * and otherwise takes each benchmark's official prompt count.
 */
public final class Preflight {
  /** Spare room asked for beside the planned images (summaries, caches, exports). */
  static final double DISK_MARGIN = 1.2;

  private final Registry registry;
  private final JudgeProbe probe;

  public Preflight(Registry registry, JudgeProbe probe) {
    this.registry = registry;
    this.probe = probe;
  }

  /** What was loaded for one benchmark. */
  private record Loaded(Benchmark benchmark, PromptSet set, int prompts, String source) {}

  /**
   * Runs the checks of {@code cfg} (all of them, or only what the plan needs when {@code planOnly}).
   */
  public PreflightReport check(RunConfig cfg, boolean planOnly) {
    List<CheckResult> checks = new ArrayList<>();
    boolean generate = cfg.mode() != RunConfig.Mode.SCORE_ONLY;
    boolean score = cfg.mode() != RunConfig.Mode.GENERATE_ONLY;
    Optional<PipelineProvider> pp = registry.pipeline(cfg.pipeline());
    GenerationEstimate est = pp.flatMap(p -> p.estimate(cfg.pipelineConfig())).orElse(null);
    if (pp.isEmpty()) {
      throw new IllegalArgumentException("unknown pipeline '" + cfg.pipeline() + "' (known: "
          + registry.pipelines().stream().map(PipelineProvider::id).toList() + ")");
    }
    int turns = est != null ? est.turns() : cfg.pipelineConfig().turns() > 0 ? cfg.pipelineConfig().turns() : 2;
    boolean plumbingPipeline = est != null && est.plumbing();

    List<Loaded> loaded = loadData(cfg, planOnly, checks);
    Map<String, ScorerProvider> chosen = new LinkedHashMap<>();
    for (Loaded l : loaded) {
      String id = l.benchmark().id();
      String named = cfg.scorers().get(id);
      Optional<ScorerProvider> sp = registry.chooseScorer(id, named, plumbingPipeline, cfg.judge() != null);
      if (named != null && sp.isEmpty()) {
        throw new IllegalArgumentException("no scorer '" + named + "' for " + id + " (known: "
            + registry.scorersFor(id).stream().map(ScorerProvider::id).toList() + ")");
      }
      sp.ifPresent(p -> chosen.put(id, p));
    }
    OptionCheck.ScorerOptions scorerOptions = OptionCheck.scorers(chosen.values(), cfg.scorerOptions());
    Map<String, String> modelOf = new LinkedHashMap<>();
    Set<String> logprobModels = new LinkedHashSet<>();
    if (score && !planOnly) {
      openScorers(cfg, loaded, chosen, scorerOptions, modelOf, logprobModels, checks);
    } else if (cfg.judge() != null) {
      for (Loaded l : loaded) {
        ScorerProvider sp = chosen.get(l.benchmark().id());
        boolean asks = sp != null && (sp.usesJudge() || l.set() != null
            && l.set().prompts().stream().anyMatch(p -> sp.judgeCalls(p) > 0));
        if (asks) {
          modelOf.put(l.benchmark().id(), cfg.judge().model() != null ? cfg.judge().model()
              : "default of " + sp.id());
        }
      }
    }
    if (score && !planOnly) {
      checkJudge(cfg, modelOf, logprobModels, checks);
    }
    List<Plan.BenchmarkPlan> rows = new ArrayList<>();
    for (Loaded l : loaded) {
      String id = l.benchmark().id();
      int samples = cfg.samples() != null ? cfg.samples() : l.benchmark().defaultSamples();
      ScorerProvider sp = chosen.get(id);
      long calls = 0;
      if (score && sp != null && cfg.judge() != null && modelOf.containsKey(id)) {
        if (l.set() == null) {
          calls = -1;
        } else {
          for (Prompt p : l.set().prompts()) {
            calls += (long) sp.judgeCalls(p) * samples * turns;
          }
        }
      }
      rows.add(new Plan.BenchmarkPlan(id, l.prompts(), l.source(), samples, sp == null ? null : sp.id(),
          modelOf.get(id), calls));
    }
    Plan plan = new Plan(rows, turns, est == null ? 0 : est.gpuSecondsPerTrajectory(),
        est == null ? "no estimate from pipeline " + cfg.pipeline() : est.source(), generate,
        est == null ? 0 : est.bytesPerImage(), cfg.judge() == null ? null : cfg.judge().promptPricePerMTok(),
        cfg.judge() == null ? null : cfg.judge().completionPricePerMTok());
    if (generate && !planOnly && pp.isPresent()) {
      checks.add(timed("pipeline " + cfg.pipeline(), () -> openPipeline(pp.get(), cfg)));
      checks.add(timed("disk", () -> disk(cfg.runDir(), plan.imageBytes())));
    }
    return new PreflightReport(checks, plan);
  }

  private List<Loaded> loadData(RunConfig cfg, boolean planOnly, List<CheckResult> checks) {
    List<Loaded> out = new ArrayList<>();
    OptionCheck.benchmarkPrefixes(cfg.benchmarks(), cfg.benchOptions());
    for (String id : cfg.benchmarks()) {
      long t0 = System.nanoTime();
      Optional<Benchmark> b = registry.benchmark(id);
      if (b.isEmpty()) {
        throw new IllegalArgumentException("unknown benchmark '" + id + "' (known: "
            + registry.benchmarks().stream().map(Benchmark::id).toList() + ")");
      }
      Map<String, String> options = OptionCheck.benchmark(b.get(), cfg.benchOptions().getOrDefault(id, Map.of()));
      try {
        PromptSet set = b.get().load(cfg.dataDir(), options).limit(cfg.limit());
        if (cfg.shard() != null) {
          set = cfg.shard().select(set);
        }
        out.add(new Loaded(b.get(), set, set.prompts().size(), "data"));
        checks.add(new CheckResult("data " + id, CheckResult.Status.OK, set.prompts().size() + " prompts ("
            + set.version() + ") in " + cfg.dataDir().resolve(id), millis(t0)));
      } catch (DataException e) {
        var official = b.get().officialPromptCount(options);
        String fix = " (get it with: irg-eval data fetch " + id + " --to " + cfg.dataDir() + ")";
        if (planOnly && official.isPresent()) {
          int n = cfg.limit() > 0 ? Math.min(cfg.limit(), official.getAsInt()) : official.getAsInt();
          out.add(new Loaded(b.get(), null, n, "official count; data not loaded"));
          checks.add(new CheckResult("data " + id, CheckResult.Status.WARN, e.getMessage() + fix, millis(t0)));
        } else {
          checks.add(new CheckResult("data " + id, CheckResult.Status.FAIL, e.getMessage() + fix, millis(t0)));
        }
      }
    }
    return out;
  }

  /** Opens every chosen scorer as the run will (then closes it), recording which judge models they ask for. */
  private void openScorers(RunConfig cfg, List<Loaded> loaded, Map<String, ScorerProvider> chosen,
                           OptionCheck.ScorerOptions scorerOptions, Map<String, String> modelOf,
                           Set<String> logprobModels, List<CheckResult> checks) {
    Path cache;
    try {
      cache = Files.createTempDirectory("irg-eval-preflight");
    } catch (IOException e) {
      checks.add(new CheckResult("scorers", CheckResult.Status.FAIL, "no temporary folder: " + Downloader.cause(e),
          0));
      return;
    }
    try {
      for (Loaded l : loaded) {
        ScorerProvider sp = chosen.get(l.benchmark().id());
        if (sp == null || l.set() == null) {
          continue;
        }
        String id = l.benchmark().id();
        long t0 = System.nanoTime();
        Optional<JudgeFactory> judges = cfg.judge() == null ? Optional.empty() : Optional.of(defaultModel -> {
          String model = cfg.judge().model() != null ? cfg.judge().model() : defaultModel;
          modelOf.put(id, model);
          if (sp.judgeLogprobs()) {
            logprobModels.add(model);
          }
          return new UnusedJudge(model);
        });
        try {
          Path dir = Files.createDirectories(cache.resolve(sp.id()).resolve(id));
          ScorerContext ctx = scorerOptions.context(sp, cfg.dataDir(), dir, judges, l.set());
          try (Scorer s = sp.open(ctx)) {
            checks.add(new CheckResult("scorer " + sp.id(), CheckResult.Status.OK, "opens for " + id
                + (modelOf.containsKey(id) ? " (judge model " + modelOf.get(id) + ")" : ""), millis(t0)));
          }
        } catch (ScorerUnavailableException e) {
          checks.add(new CheckResult("scorer " + sp.id(), CheckResult.Status.FAIL, id + " would not be scored: "
              + e.getMessage(), millis(t0)));
        } catch (Exception e) {
          checks.add(new CheckResult("scorer " + sp.id(), CheckResult.Status.FAIL, id + ": the scorer does not open: "
              + Downloader.cause(e), millis(t0)));
        }
      }
    } finally {
      deleteTree(cache);
    }
  }

  private void checkJudge(RunConfig cfg, Map<String, String> modelOf, Set<String> logprobModels,
                          List<CheckResult> checks) {
    if (cfg.judge() == null) {
      return;
    }
    if (modelOf.isEmpty()) {
      checks.add(new CheckResult("judge", CheckResult.Status.SKIPPED, "no chosen scorer uses the judge", 0));
      return;
    }
    JudgeConfig jc = cfg.judge();
    for (String model : new LinkedHashSet<>(modelOf.values())) {
      checks.add(probe.probe(jc, model, logprobModels.contains(model)));
    }
  }

  private static CheckResult openPipeline(PipelineProvider p, RunConfig cfg) throws Exception {
    PipelineConfig pc = cfg.pipelineConfig();
    try (Pipeline pipeline = p.open(new PipelineConfig(pc.endpoints(), pc.preset(), pc.concurrency(), pc.turns(),
        OptionCheck.pipeline(p, pc.options()), pc.dataDir(), pc.imagesDir(), pc.benchmarks()))) {
      return new CheckResult("pipeline " + p.id(), CheckResult.Status.OK, "ready"
          + (pc.endpoints().isEmpty() ? "" : ": " + pc.endpoints().size() + " endpoint(s) healthy")
          + (pipeline.plumbing() ? " (plumbing check, not a model)" : ""), 0);
    }
  }

  static CheckResult disk(Path runDir, long needed) throws IOException {
    Path p = runDir.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return new CheckResult("disk", CheckResult.Status.WARN, "no existing folder above " + runDir, 0);
    }
    FileStore store = Files.getFileStore(p);
    long free = store.getUsableSpace();
    String msg = String.format(java.util.Locale.ROOT, "%.1f GB free at %s, about %.1f GB of images planned",
        free / 1e9, p, needed / 1e9);
    if (free < needed) {
      return new CheckResult("disk", CheckResult.Status.FAIL, msg + ": free space or choose another --out", 0);
    }
    return new CheckResult("disk", free < needed * DISK_MARGIN ? CheckResult.Status.WARN : CheckResult.Status.OK,
        msg, 0);
  }

  /** Runs a check, turning an exception into a failed result naming its cause. */
  private static CheckResult timed(String name, ThrowingSupplier check) {
    long t0 = System.nanoTime();
    try {
      CheckResult r = check.get();
      return new CheckResult(r.check(), r.status(), r.message(), millis(t0));
    } catch (Exception e) {
      return new CheckResult(name, CheckResult.Status.FAIL, Downloader.cause(e), millis(t0));
    }
  }

  @FunctionalInterface
  private interface ThrowingSupplier {
    CheckResult get() throws Exception;
  }

  private static long millis(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void deleteTree(Path p) {
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** The judge handed to a scorer opened only to check it: the preflight sends no scoring request. */
  private record UnusedJudge(String model) implements Judge {
    @Override
    public JudgeReply complete(JudgeRequest request) throws JudgeException {
      throw new JudgeException("preflight: a scorer opened for the check does not score", false, null);
    }
  }
}
