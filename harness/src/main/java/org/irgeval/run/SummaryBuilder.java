package org.irgeval.run;

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
import java.util.Optional;
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
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.Summary;
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
  public Summary.VariantEntry variant(BenchmarkRun b, List<ScoredSample> samples) {
    VariantSummary s = b.benchmark().aggregate(b.prompts(), samples);
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
    // categories_ci95 is an addition to the contract (docs/architecture.md): summaries written before it lack it.
    Map<String, List<Double>> catCis = new LinkedHashMap<>();
    s.categories().keySet().forEach(k -> catCis.put(k, pair(cis.get(k))));
    return new Summary.VariantEntry(s.overall(), s.nPrompts(), s.nImages(), pair(cis.get(OVERALL_KEY)),
        new LinkedHashMap<>(s.categories()), catCis, s.failures(),
        s.extra().isEmpty() ? null : RecordJson.sortedTree(s.extra()), s.notes().isEmpty() ? null : s.notes());
  }

  private static List<Double> pair(double[] ci) {
    return ci == null ? null : List.of(ci[0], ci[1]);
  }

  /**
   * Each later turn's variant against {@code no-reflection} on the official overall: the difference, its paired
   * bootstrap 95% CI over the prompts both scored, and a two-sided bootstrap p-value.
   */
  Map<String, Summary.Effect> effects(BenchmarkRun b, Map<String, List<ScoredSample>> variants) {
    Map<String, Summary.Effect> out = new LinkedHashMap<>();
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
        out.put(v.getKey(), new Summary.Effect(Variant.NO_REFLECTION, d.delta(), pair(d.ci95()), d.pValue()));
      }
    }
    return out;
  }

  /** Mean per-turn stage timings and token counts of the stored trajectories of one benchmark. */
  public Summary.Generation generation(BenchmarkRun b, Collection<Trajectory> all, int planned,
                                       List<String> failures) {
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
    Map<String, Double> means = new TreeMap<>();
    sums.forEach((k, v) -> means.put(k, v[0] / v[1]));
    return new Summary.Generation(planned, n, failures.size(), means, List.copyOf(endpoints));
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
  Summary summary(RunConfig cfg, RunStore store, List<BenchmarkRun> benches, RunPlan plan,
                  WorkExecutor.Outcome outcome, Pipeline pipeline, JudgeBackend judge, boolean plumbing)
      throws IOException {
    long t0 = System.nanoTime();
    String inputs = inputsHash(store, benches);
    Map<String, Summary.BenchmarkSummary> previous = null;
    Optional<Summary> stored = store.readSummary();
    if (stored.isPresent() && inputs.equals(stored.get().inputsSha256())) {
      previous = stored.get().benchmarks();
    }
    Map<String, Summary.BenchmarkSummary> bs = new LinkedHashMap<>();
    for (BenchmarkRun b : benches) {
      int planned = b.prompts().prompts().size() * b.samples();
      List<String> fails = outcome.generationFailures().stream().filter(x -> x.startsWith(b.id() + "/")).toList();
      Summary.Generation generation = generation(b, store.trajectories(), planned, fails);
      if (b.scorer() == null) {
        bs.put(b.id(), new Summary.BenchmarkSummary(b.benchmark().title(), b.prompts().version(), b.scorerId(),
            b.plumbingScore(), generation, Summary.BenchmarkSummary.NOT_SCORED, b.notScored(), null, null));
        continue;
      }
      Summary.BenchmarkSummary old = previous == null ? null : previous.get(b.id());
      boolean reuse = old != null && old.variants() != null;
      Map<String, Summary.VariantEntry> vs = new LinkedHashMap<>();
      Map<String, List<ScoredSample>> variants = SummaryBuilder.byVariant(b, store.scores());
      for (Map.Entry<String, List<ScoredSample>> v : variants.entrySet()) {
        Summary.VariantEntry kept = reuse ? old.variants().get(v.getKey()) : null;
        vs.put(v.getKey(), kept != null ? kept : variant(b, v.getValue()));
        b.benchmark().writeOfficialResults(SafeFiles.createDirectories(store.dir(),
            store.dir().resolve("exports").resolve(b.id()).resolve(v.getKey())), b.prompts(),
            v.getValue());
      }
      Map<String, Summary.Effect> effects = reuse ? old.effectsOrEmpty() : effects(b, variants);
      bs.put(b.id(), new Summary.BenchmarkSummary(b.benchmark().title(), b.prompts().version(), b.scorerId(),
          b.plumbingScore(), generation, Summary.BenchmarkSummary.SCORED, null, vs,
          effects.isEmpty() ? null : effects));
    }
    return new Summary(cfg.name(), plumbing, plumbing ? PLUMBING_NOTICE : null, bs,
        new Summary.SessionCounts(outcome.generated(), outcome.scored(), outcome.generationFailures().size(),
            outcome.scoreIncomplete(), plan.plannedTrajectories()),
        pipeline == null ? null : RecordJson.sortedTree(pipeline.stats()),
        judge == null ? null : RecordJson.sortedTree(judge.usage()), inputs,
        new Summary.Computation(previous != null, (System.nanoTime() - t0) / 1e9, bootstrap.threads()));
  }
}
