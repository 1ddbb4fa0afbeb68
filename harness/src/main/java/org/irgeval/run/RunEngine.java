package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.Trajectory;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.RunStore;
import org.irgeval.util.BuildInfo;
import org.irgeval.util.Json;

/**
 * Runs benchmarks through a pipeline and scorers into a run directory, resuming whatever an earlier session
 * of the same run left, and writes {@code manifest.json} and {@code summary.json}.
 */
public final class RunEngine {
  private final Registry registry;
  private final BiFunction<RunConfig.JudgeSettings, Path, JudgeBackend> judgeOpener;
  private final PrintWriter err;
  private final ObjectMapper mapper = Json.mapper();

  /**
   * @param registry    discovered plugins
   * @param judgeOpener opens the judge client for {@code --judge-url} (settings, cache dir)
   * @param err         where progress and warnings go
   */
  public RunEngine(Registry registry, BiFunction<RunConfig.JudgeSettings, Path, JudgeBackend> judgeOpener,
                   PrintWriter err) {
    this.registry = registry;
    this.judgeOpener = judgeOpener;
    this.err = err;
  }

  public RunResult run(RunConfig cfg) throws Exception {
    List<PromptSet> sets = loadPromptSets(cfg);
    if (cfg.forceNew()) {
      moveAside(cfg.runDir());
    }
    try (RunStore store = RunStore.open(cfg.runDir())) {
      store.repairs().forEach(r -> err.println("repaired: " + r));
      ObjectNode manifest = store.readManifest();
      boolean generate = cfg.mode() != RunConfig.Mode.SCORE_ONLY;
      boolean score = cfg.mode() != RunConfig.Mode.GENERATE_ONLY;
      try (Pipeline pipeline = generate ? openPipeline(cfg) : null;
           JudgeBackend judge = score && cfg.judge() != null
               ? judgeOpener.apply(cfg.judge(), cfg.runDir().resolve("cache/judge")) : null) {
        boolean plumbingPipeline = pipeline != null ? pipeline.plumbing()
            : manifest != null && manifest.path("plumbing").asBoolean(false);
        List<BenchmarkRun> benches = new ArrayList<>();
        try {
          for (PromptSet set : sets) {
            benches.add(openBenchmark(cfg, set, score, plumbingPipeline, judge));
          }
          ObjectNode fingerprint = fingerprint(cfg, benches, pipeline, manifest);
          if (manifest != null && !cfg.forceNew()) {
            List<String> conflicts = ConfigFingerprint.conflicts(manifest.get("fingerprint"), fingerprint);
            if (!conflicts.isEmpty()) {
              throw new RunConflictException(cfg.runDir() + " holds a run with another configuration:\n  "
                  + String.join("\n  ", conflicts)
                  + "\nUse another --out, or --force-new to start afresh (the old directory is kept, renamed).");
            }
          }
          boolean plumbing = plumbingPipeline || benches.stream().anyMatch(BenchmarkRun::plumbingScore);
          ObjectNode man = manifest(cfg, manifest, fingerprint, sets, pipeline, plumbing);
          store.writeJson(RunStore.MANIFEST, man);

          int turns = fingerprint.path("turns").asInt();
          RunPlan plan = RunPlan.of(benches, store, cfg.seed(), turns, generate, score);
          int scoreWork = plan.scoring().size();
          if (score) {
            Map<String, BenchmarkRun> byId = byId(benches);
            for (var g : plan.generations()) {
              if (byId.get(g.benchmark()).scorer() != null) {
                scoreWork += turns;
              }
            }
          }
          WorkExecutor.Outcome outcome;
          try (Progress progress = new Progress(cfg.name(), plan.generations().size(), scoreWork)) {
            outcome = new WorkExecutor(store, pipeline, score, progress, err).execute(plan, byId(benches));
          }
          exportOfficialLayouts(store, benches);
          ObjectNode summary = summary(cfg, store, benches, plan, outcome, pipeline, judge, plumbing);
          store.writeJson(RunStore.SUMMARY, summary);
          man.put("ended", Instant.now().toString());
          if (judge != null) {
            ArrayNode models = man.putObject("judge_used").putArray("models");
            judge.models().forEach(models::add);
          }
          store.writeJson(RunStore.MANIFEST, man);
          return new RunResult(cfg.runDir(), summary, outcome.generated(), outcome.scored(),
              outcome.generationFailures(), outcome.scoreIncomplete(), store.repairs());
        } finally {
          for (BenchmarkRun b : benches) {
            if (b.scorer() != null) {
              b.scorer().close();
            }
          }
        }
      }
    }
  }

  private List<PromptSet> loadPromptSets(RunConfig cfg) throws DataException {
    List<PromptSet> sets = new ArrayList<>();
    for (String id : cfg.benchmarks()) {
      Benchmark b = registry.benchmark(id).orElseThrow(() -> new IllegalArgumentException(
          "unknown benchmark '" + id + "' (known: " + registry.benchmarks().stream().map(Benchmark::id).toList() + ")"));
      sets.add(b.load(cfg.dataDir(), cfg.benchOptions().getOrDefault(id, Map.of())).limit(cfg.limit()));
    }
    return sets;
  }

  private Pipeline openPipeline(RunConfig cfg) throws Exception {
    PipelineProvider p = registry.pipeline(cfg.pipeline()).orElseThrow(() -> new IllegalArgumentException(
        "unknown pipeline '" + cfg.pipeline() + "' (known: "
            + registry.pipelines().stream().map(PipelineProvider::id).toList() + ")"));
    return p.open(cfg.pipelineConfig());
  }

  private BenchmarkRun openBenchmark(RunConfig cfg, PromptSet set, boolean score, boolean plumbingPipeline,
                                     JudgeFactory judge) throws Exception {
    Benchmark b = registry.benchmark(set.benchmark()).orElseThrow();
    int samples = cfg.samples() != null ? cfg.samples() : b.defaultSamples();
    if (!score) {
      return new BenchmarkRun(b, set, samples, null, null, false, "generate-only run");
    }
    Optional<ScorerProvider> provider = registry.chooseScorer(b.id(), cfg.scorers().get(b.id()), plumbingPipeline);
    if (provider.isEmpty()) {
      String why = cfg.scorers().containsKey(b.id())
          ? "no scorer '" + cfg.scorers().get(b.id()) + "' for " + b.id() + " (known: "
              + registry.scorersFor(b.id()).stream().map(ScorerProvider::id).toList() + ")"
          : "no scorer registered for " + b.id() + " yet";
      if (cfg.scorers().containsKey(b.id())) {
        throw new IllegalArgumentException(why);
      }
      return new BenchmarkRun(b, set, samples, null, null, false, why);
    }
    ScorerProvider sp = provider.get();
    ScorerContext ctx = new ScorerContext(cfg.dataDir(), cfg.scorerOptions(),
        cfg.runDir().resolve("cache/scorers/" + sp.id()), Optional.ofNullable(judge), set);
    try {
      Scorer scorer = sp.open(ctx);
      return new BenchmarkRun(b, set, samples, sp.id(), scorer, sp.plumbing(), null);
    } catch (ScorerUnavailableException e) {
      err.println(b.id() + ": not scored: " + e.getMessage());
      return new BenchmarkRun(b, set, samples, null, null, false, sp.id() + ": " + e.getMessage());
    }
  }

  private ObjectNode fingerprint(RunConfig cfg, List<BenchmarkRun> benches, Pipeline pipeline, ObjectNode manifest) {
    ObjectNode f = mapper.createObjectNode();
    f.put("seed", cfg.seed());
    f.put("turns", turns(cfg, pipeline, manifest));
    if (pipeline != null) {
      f.put("pipeline", cfg.pipeline());
      f.set("pipeline_settings", mapper.valueToTree(pipeline.settings()));
    } else if (manifest != null && manifest.has("fingerprint")) {
      // Score-only: keep the generating session's pipeline entries.
      JsonNode old = manifest.get("fingerprint");
      f.set("pipeline", old.get("pipeline"));
      f.set("pipeline_settings", old.get("pipeline_settings"));
    }
    ObjectNode bs = f.putObject("benchmarks");
    for (BenchmarkRun b : benches) {
      ObjectNode e = bs.putObject(b.id());
      e.put("version", b.prompts().version());
      e.put("samples", b.samples());
      ObjectNode files = e.putObject("files");
      b.prompts().files().forEach(df -> files.put(df.path(), df.sha256()));
      if (b.scorer() != null) {
        e.putObject("scorer").put("id", b.scorerId()).put("fingerprint", b.scorer().fingerprint());
      }
    }
    return f;
  }

  /**
   * Image turns per trajectory: what the pipeline resolved (e.g. its preset's count when --turns was not
   * given), else --turns, else what the generating session recorded (score-only), else 2.
   */
  private static int turns(RunConfig cfg, Pipeline pipeline, ObjectNode manifest) {
    if (pipeline != null && pipeline.settings().get("turns") instanceof Number n) {
      return n.intValue();
    }
    if (cfg.pipelineConfig().turns() > 0) {
      return cfg.pipelineConfig().turns();
    }
    if (manifest != null && manifest.path("fingerprint").path("turns").isInt()) {
      return manifest.path("fingerprint").path("turns").asInt();
    }
    return 2;
  }

  private ObjectNode manifest(RunConfig cfg, ObjectNode old, ObjectNode fingerprint, List<PromptSet> sets,
                              Pipeline pipeline, boolean plumbing) {
    ObjectNode m = old == null ? mapper.createObjectNode() : old.deepCopy();
    m.put("run", cfg.name());
    if (!m.has("started")) {
      m.put("started", Instant.now().toString());
    }
    m.remove("ended");
    m.put("plumbing", plumbing);
    if (plumbing) {
      m.put("notice", SummaryBuilder.PLUMBING_NOTICE);
    }
    m.putObject("harness").put("version", BuildInfo.version()).put("git_commit", BuildInfo.gitCommit());
    ObjectNode merged = old != null && old.get("fingerprint") instanceof ObjectNode of ? of.deepCopy()
        : mapper.createObjectNode();
    mergeInto(merged, fingerprint);
    m.set("fingerprint", merged);
    ObjectNode c = m.putObject("config");
    c.put("data_dir", cfg.dataDir().toAbsolutePath().normalize().toString());
    c.set("benchmarks", mapper.valueToTree(cfg.benchmarks()));
    c.set("bench_options", mapper.valueToTree(cfg.benchOptions()));
    c.put("limit", cfg.limit());
    if (cfg.samples() != null) {
      c.put("samples", cfg.samples());
    }
    c.put("seed", cfg.seed());
    c.put("mode", cfg.mode().name().toLowerCase(java.util.Locale.ROOT));
    c.put("pipeline", cfg.pipeline());
    c.put("preset", cfg.pipelineConfig().preset());
    c.put("turns", fingerprint.path("turns").asInt());
    c.put("concurrency", cfg.pipelineConfig().concurrency());
    c.set("endpoints", mapper.valueToTree(cfg.pipelineConfig().endpoints().stream().map(Object::toString).toList()));
    c.set("scorers", mapper.valueToTree(cfg.scorers()));
    if (cfg.judge() != null) {
      // Only the variable's name: the key itself never reaches a file.
      c.putObject("judge").put("url", cfg.judge().url()).put("model", cfg.judge().model())
          .put("key_env", cfg.judge().keyEnv());
    }
    if (pipeline != null) {
      m.set("pipeline_facts", mapper.valueToTree(pipeline.facts()));
    }
    ObjectNode data = m.putObject("data_files");
    for (PromptSet s : sets) {
      ObjectNode d = data.putObject(s.benchmark());
      s.files().forEach(f -> d.putObject(f.path()).put("sha256", f.sha256()).put("bytes", f.bytes()));
    }
    ArrayNode sessions = m.has("sessions") ? (ArrayNode) m.get("sessions") : m.putArray("sessions");
    ObjectNode session = sessions.addObject();
    session.put("started", Instant.now().toString());
    session.set("argv", mapper.valueToTree(cfg.argv()));
    session.put("mode", cfg.mode().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  private static void mergeInto(ObjectNode into, ObjectNode from) {
    from.fields().forEachRemaining(e -> {
      if (e.getValue() instanceof ObjectNode o && into.get(e.getKey()) instanceof ObjectNode i) {
        mergeInto(i, o);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }

  /** Copies every stored image into {@code exports/<benchmark>/<variant>/} in the official layout. */
  private static void exportOfficialLayouts(RunStore store, List<BenchmarkRun> benches) throws IOException {
    for (BenchmarkRun b : benches) {
      Optional<ImageLayout> layout = b.benchmark().officialLayout();
      if (layout.isEmpty()) {
        continue;
      }
      Map<String, Prompt> prompts = new LinkedHashMap<>();
      b.prompts().prompts().forEach(p -> prompts.put(p.id(), p));
      for (Trajectory t : store.trajectories()) {
        Prompt p = prompts.get(t.promptId());
        if (!t.benchmark().equals(b.id()) || p == null) {
          continue;
        }
        for (Trajectory.Turn turn : t.turns()) {
          Path root = store.dir().resolve("exports").resolve(b.id()).resolve(turn.variant());
          if (layout.get().find(root, p, t.sample()).isEmpty()) {
            layout.get().write(root, p, t.sample(), Files.readAllBytes(store.dir().resolve(turn.image())));
          }
        }
      }
    }
  }

  private ObjectNode summary(RunConfig cfg, RunStore store, List<BenchmarkRun> benches, RunPlan plan,
                             WorkExecutor.Outcome outcome, Pipeline pipeline, JudgeBackend judge, boolean plumbing)
      throws IOException {
    SummaryBuilder sb = new SummaryBuilder(new StratifiedBootstrap(1000, 20250906L));
    ObjectNode s = mapper.createObjectNode();
    s.put("run", cfg.name());
    s.put("plumbing", plumbing);
    if (plumbing) {
      s.put("notice", SummaryBuilder.PLUMBING_NOTICE);
    }
    ObjectNode bs = s.putObject("benchmarks");
    for (BenchmarkRun b : benches) {
      ObjectNode e = bs.putObject(b.id());
      e.put("title", b.benchmark().title());
      e.put("prompt_version", b.prompts().version());
      e.put("scorer", b.scorerId());
      e.put("plumbing_scorer", b.plumbingScore());
      int planned = b.prompts().prompts().size() * b.samples();
      List<String> fails = outcome.generationFailures().stream().filter(x -> x.startsWith(b.id() + "/")).toList();
      e.set("generation", sb.generation(b, store.trajectories(), planned, fails));
      if (b.scorer() == null) {
        e.put("status", "not scored");
        e.put("reason", b.notScored());
        continue;
      }
      e.put("status", "scored");
      ObjectNode vs = e.putObject("variants");
      for (Map.Entry<String, List<ScoredSample>> v : SummaryBuilder.byVariant(b, store.scores()).entrySet()) {
        vs.set(v.getKey(), sb.variant(b, v.getValue()));
        b.benchmark().writeOfficialResults(store.dir().resolve("exports").resolve(b.id()).resolve(v.getKey()), v.getValue());
      }
    }
    ObjectNode session = s.putObject("session");
    session.put("generated", outcome.generated());
    session.put("scored", outcome.scored());
    session.put("generation_failures", outcome.generationFailures().size());
    session.put("score_incomplete", outcome.scoreIncomplete());
    session.put("trajectories_planned", plan.plannedTrajectories());
    if (pipeline != null) {
      s.set("pipeline", mapper.valueToTree(pipeline.stats()));
    }
    if (judge != null) {
      s.set("judge", mapper.valueToTree(judge.usage()));
    }
    return s;
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
