package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.irgeval.api.Pipeline;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Trajectory;
import org.irgeval.api.Variant;
import org.irgeval.api.VariantSummary;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.RunStore;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.BuildInfo;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Builds {@code summary.json} (docs/architecture.md, "summary.json contract") from what the run directory holds: per benchmark and
 * variant the benchmark's official aggregation, a stratified bootstrap 95% CI of the overall, counts and
 * failures, plus generation timings.
 */
public final class SummaryBuilder {
  /** Printed in every summary made from a plumbing pipeline or scorer. */
  public static final String PLUMBING_NOTICE =
      "PLUMBING CHECK: produced by the CPU reference pipeline and/or plumbing scorers; these numbers test the"
          + " harness, they are not a model's score";

  private final ObjectMapper mapper = Json.mapper();
  private final StratifiedBootstrap bootstrap;
  /** The overall's key among the bootstrapped statistics (no category is named with a NUL). */
  private static final String OVERALL_KEY = "\u0000overall";

  public SummaryBuilder(StratifiedBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Groups scored samples of one benchmark by variant, in turn order, restricted to the planned prompts. */
  public static Map<String, List<ScoredSample>> byVariant(BenchmarkRun b, Collection<ScoreRecord> scores) {
    Map<String, Prompt> prompts = new LinkedHashMap<>();
    for (Prompt p : b.prompts().prompts()) {
      prompts.put(p.id(), p);
    }
    Map<String, List<ScoredSample>> out = new TreeMap<>(SummaryBuilder::variantOrder);
    for (ScoreRecord r : scores) {
      Prompt p = prompts.get(r.key().promptId());
      if (p == null || !r.key().benchmark().equals(b.id()) || !r.key().scorer().equals(b.scorerId())
          || r.key().sample() >= b.samples()) {
        continue;
      }
      out.computeIfAbsent(r.key().variant(), k -> new ArrayList<>()).add(new ScoredSample(p, r.key().sample(), r));
    }
    out.values().forEach(l -> l.sort(Comparator.comparingInt((ScoredSample s) -> s.prompt().index())
        .thenComparingInt(ScoredSample::sample)));
    return out;
  }

  static int variantOrder(String a, String b) {
    return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
  }

  private static int rank(String v) {
    try {
      return Variant.turnOf(v);
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** One variant's entry. */
  public ObjectNode variant(BenchmarkRun b, List<ScoredSample> samples) {
    VariantSummary s = b.benchmark().aggregate(b.prompts(), samples);
    ObjectNode v = mapper.createObjectNode();
    v.put("overall", s.overall());
    v.put("n_prompts", s.nPrompts());
    v.put("n_images", s.nImages());
    // One bootstrap for the overall and every category: each replicate is aggregated once by the official rules
    // and every score read from it (the overall's CI is the same as computed alone: same draws).
    List<String> keys = new ArrayList<>();
    if (s.overall() != null) {
      keys.add(OVERALL_KEY);
    }
    s.categories().forEach((k, x) -> {
      if (x != null) {
        keys.add(k);
      }
    });
    Map<String, double[]> cis = bootstrap.ci95ByKey(samples, keys, rep -> {
      VariantSummary a = b.benchmark().aggregate(b.prompts(), rep);
      Map<String, Double> m = new HashMap<>(a.categories());
      m.put(OVERALL_KEY, a.overall());
      return m;
    });
    double[] ci = cis.get(OVERALL_KEY);
    if (ci != null) {
      v.putArray("ci95").add(ci[0]).add(ci[1]);
    } else {
      v.putNull("ci95");
    }
    ObjectNode cats = v.putObject("categories");
    s.categories().forEach(cats::put);
    // An addition to the contract (docs/architecture.md): summaries written before it have no such key.
    ObjectNode catCis = v.putObject("categories_ci95");
    s.categories().keySet().forEach(k -> {
      double[] c = cis.get(k);
      if (c == null) {
        catCis.putNull(k);
      } else {
        catCis.putArray(k).add(c[0]).add(c[1]);
      }
    });
    v.put("failures", s.failures());
    if (!s.extra().isEmpty()) {
      v.set("extra", mapper.valueToTree(s.extra()));
    }
    if (!s.notes().isEmpty()) {
      ArrayNode notes = v.putArray("notes");
      s.notes().forEach(notes::add);
    }
    return v;
  }

  /**
   * Each later turn's variant against {@code no-reflection} on the official overall: the difference, its paired
   * bootstrap 95% CI over the prompts both scored, and a two-sided bootstrap p-value.
   */
  ObjectNode effects(BenchmarkRun b, Map<String, List<ScoredSample>> variants) {
    ObjectNode out = mapper.createObjectNode();
    List<ScoredSample> base = variants.get(Variant.NO_REFLECTION);
    if (base == null) {
      return out;
    }
    for (Map.Entry<String, List<ScoredSample>> v : variants.entrySet()) {
      if (v.getKey().equals(Variant.NO_REFLECTION)) {
        continue;
      }
      StratifiedBootstrap.Difference d = bootstrap.paired(base, v.getValue(),
          rep -> b.benchmark().aggregate(b.prompts(), rep).overall());
      if (d != null) {
        ObjectNode o = out.putObject(v.getKey());
        o.put("versus", Variant.NO_REFLECTION);
        o.put("delta", d.delta());
        o.putArray("ci95").add(d.ci95()[0]).add(d.ci95()[1]);
        o.put("p_bootstrap", d.pValue());
      }
    }
    return out;
  }

  /** Mean per-turn stage timings and token counts of the stored trajectories of one benchmark. */
  public ObjectNode generation(BenchmarkRun b, Collection<Trajectory> all, int planned, List<String> failures) {
    ObjectNode g = mapper.createObjectNode();
    Map<String, double[]> sums = new TreeMap<>();
    int n = 0;
    TreeSet<String> endpoints = new TreeSet<>();
    for (Trajectory t : all) {
      if (!t.benchmark().equals(b.id())) {
        continue;
      }
      n++;
      endpoints.add(t.endpoint());
      add(sums, "wall_ms", t.wallMs());
      for (Trajectory.Turn turn : t.turns()) {
        turn.timingsMs().forEach((k, v) -> add(sums, "turn" + turn.turn() + "_" + k + "_ms", v));
        turn.tokens().forEach((k, v) -> add(sums, "turn" + turn.turn() + "_" + k + "_tokens", v));
      }
    }
    g.put("planned", planned);
    g.put("stored", n);
    g.put("failed_this_session", failures.size());
    ObjectNode means = g.putObject("mean");
    sums.forEach((k, v) -> means.put(k, v[0] / v[1]));
    ArrayNode eps = g.putArray("endpoints");
    endpoints.forEach(eps::add);
    return g;
  }

  private static void add(Map<String, double[]> sums, String key, double v) {
    double[] a = sums.computeIfAbsent(key, k -> new double[2]);
    a[0] += v;
    a[1] += 1;
  }

  /** Bumped whenever what a summary holds for the same inputs changes (so a stored one is not reused). */
  static final int FORMAT = 1;

  /**
   * SHA-256 of everything the per-benchmark results of a summary depend on: both journals (bytes), each benchmark's
   * prompt set, samples, scorer id and fingerprint, the bootstrap settings and the harness version. Equal hashes
   * mean the stored results can be reused instead of recomputing the bootstraps.
   */
  String inputsHash(RunStore store, List<BenchmarkRun> benches) throws IOException {
    java.security.MessageDigest md = Hashing.sha256();
    ObjectNode cfg = mapper.createObjectNode();
    cfg.put("format", FORMAT);
    cfg.put("harness", BuildInfo.version() + " " + BuildInfo.gitCommit());
    cfg.put("bootstrap", bootstrap.toString());
    ArrayNode bs = cfg.putArray("benchmarks");
    for (BenchmarkRun b : benches) {
      ObjectNode e = bs.addObject();
      e.put("id", b.id());
      e.put("samples", b.samples());
      e.put("scorer", b.scorerId());
      e.put("scorer_fingerprint", b.scorer() == null ? null : b.scorer().fingerprint());
      e.put("not_scored", b.notScored());
      e.put("prompts", Hashing.sha256(mapper.writeValueAsBytes(b.prompts())));
    }
    md.update(mapper.writeValueAsBytes(cfg));
    for (String journal : List.of(RunStore.TRAJECTORIES, RunStore.SCORES)) {
      Path f = store.dir().resolve(journal);
      md.update((byte) 0);
      if (Files.isRegularFile(f)) {
        try (InputStream in = Files.newInputStream(f)) {
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The whole {@code summary.json} of a run session. */
  ObjectNode summary(RunConfig cfg, RunStore store, List<BenchmarkRun> benches, RunPlan plan,
                             WorkExecutor.Outcome outcome, Pipeline pipeline, JudgeBackend judge, boolean plumbing)
      throws IOException {
    long t0 = System.nanoTime();
    String inputs = inputsHash(store, benches);
    JsonNode previous = null;
    Path prevFile = store.dir().resolve(RunStore.SUMMARY);
    if (Files.isRegularFile(prevFile)) {
      try {
        JsonNode p = mapper.readTree(prevFile.toFile());
        if (inputs.equals(p.path("inputs_sha256").asText())) {
          previous = p.path("benchmarks");
        }
      } catch (IOException e) {
        previous = null; // unreadable: recompute
      }
    }
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
      e.set("generation", generation(b, store.trajectories(), planned, fails));
      if (b.scorer() == null) {
        e.put("status", "not scored");
        e.put("reason", b.notScored());
        continue;
      }
      e.put("status", "scored");
      JsonNode old = previous == null ? null : previous.path(b.id());
      boolean reuse = old != null && old.path("variants").isObject();
      ObjectNode vs = e.putObject("variants");
      Map<String, List<ScoredSample>> variants = SummaryBuilder.byVariant(b, store.scores());
      for (Map.Entry<String, List<ScoredSample>> v : variants.entrySet()) {
        vs.set(v.getKey(), reuse && old.path("variants").get(v.getKey()) instanceof ObjectNode o ? o.deepCopy()
            : variant(b, v.getValue()));
        b.benchmark().writeOfficialResults(SafeFiles.createDirectories(store.dir(),
            store.dir().resolve("exports").resolve(b.id()).resolve(v.getKey())), b.prompts(),
            v.getValue());
      }
      ObjectNode effects = reuse ? (old.get("effects") instanceof ObjectNode o ? o.deepCopy()
          : mapper.createObjectNode()) : effects(b, variants);
      if (!effects.isEmpty()) {
        e.set("effects", effects);
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
    s.put("inputs_sha256", inputs);
    ObjectNode how = s.putObject("summary_computation");
    how.put("reused", previous != null);
    how.put("seconds", (System.nanoTime() - t0) / 1e9);
    how.put("bootstrap_threads", bootstrap.threads());
    return s;
  }
}
