package org.irgeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Trajectory;
import org.irgeval.api.VariantSummary;
import org.irgeval.store.RunSnapshot;
import org.irgeval.store.record.Fingerprint;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RunFingerprint;
import org.irgeval.store.record.RunSpecRecord;
import org.irgeval.store.record.Summary;

/**
 * One run as a report reads it: its summary, its scores per benchmark and variant as the benchmark's aggregation
 * takes them, and the settings that explain why two runs' numbers differ.
 *
 * @param label    the name shown for the run (unique within a report)
 * @param snapshot the run's files
 */
public record RunView(String label, RunSnapshot snapshot) {
  public static RunView read(Path dir, String label) throws IOException {
    return new RunView(label, RunSnapshot.read(dir));
  }

  public Path dir() {
    return snapshot.dir();
  }

  /** Benchmarks the run scored, in its summary's order. */
  public List<String> benchmarks() {
    List<String> out = new ArrayList<>();
    snapshot.summary().benchmarks().forEach((id, b) -> {
      if (b.scored()) {
        out.add(id);
      }
    });
    return out;
  }

  /** Whether any scored benchmark has a variant with at least one scored image. */
  public boolean hasScoredImage() {
    for (String b : benchmarks()) {
      for (String v : variants(b)) {
        if (variantSummary(b, v).nImages() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** A benchmark's summary entry (a "not scored" entry when the run does not list it). */
  public Summary.BenchmarkSummary benchmarkSummary(String benchmark) {
    Summary.BenchmarkSummary b = snapshot.summary().benchmarks().get(benchmark);
    return b != null ? b : Summary.BenchmarkSummary.notScored("not in this run");
  }

  /** Variants with a summary, in the summary's order. */
  public List<String> variants(String benchmark) {
    return new ArrayList<>(benchmarkSummary(benchmark).variantsOrEmpty().keySet());
  }

  /** A variant's summary entry (empty when the run has none). */
  public Summary.VariantEntry variantSummary(String benchmark, String variant) {
    Summary.VariantEntry v = benchmarkSummary(benchmark).variantsOrEmpty().get(variant);
    return v != null ? v : new Summary.VariantEntry(null, 0, 0, null, null, null, null, null, null);
  }

  public boolean plumbing() {
    return snapshot.summary().isPlumbing();
  }

  /**
   * How the run was made, as a report's header shows it (empty texts where the manifest is missing, e.g. an old
   * or imported run).
   *
   * @param harness     harness version (git commit)
   * @param pipeline    pipeline id
   * @param preset      preset, or ""
   * @param turns       turns, or ""
   * @param seed        seed, or ""
   * @param judgeModels judge models used
   * @param notice      the plumbing notice, or ""
   */
  public record Facts(String harness, String pipeline, String preset, String turns, String seed,
                      List<String> judgeModels, String notice) {}

  public Facts facts() {
    Manifest m = snapshot.manifest();
    String notice = text(snapshot.summary().notice());
    if (m == null) {
      return new Facts("", "", "", "", "", List.of(), notice);
    }
    Optional<RunSpecRecord> c = Optional.ofNullable(m.config());
    List<String> judges = m.judgeUsed() == null || m.judgeUsed().models() == null ? List.of()
        : m.judgeUsed().models();
    return new Facts(m.harness() == null ? "" : m.harness().text(),
        c.map(RunSpecRecord::pipeline).orElse(text(m.kind())), c.map(RunSpecRecord::preset).map(RunView::text).orElse(""),
        c.map(RunSpecRecord::turns).map(String::valueOf).orElse(""),
        c.map(RunSpecRecord::seed).map(String::valueOf).orElse(""), judges, notice);
  }

  /**
   * The run's labels ({@link RunLabels}), plus {@code time}: when the run started (from its manifest), unless a
   * label of that name was given.
   */
  public Map<String, String> labels() throws IOException {
    Map<String, String> out = new TreeMap<>(RunLabels.read(dir()));
    Manifest m = snapshot.manifest();
    if (m != null && !out.containsKey("time")) {
      String t = m.started() != null ? m.started() : text(m.created());
      if (!t.isEmpty()) {
        out.put("time", t);
      }
    }
    return out;
  }

  /** Benchmarks listed but not scored, with the reason, in the summary's order. */
  public Map<String, String> notScored() {
    Map<String, String> out = new LinkedHashMap<>();
    snapshot.summary().benchmarks().forEach((id, b) -> {
      if (!b.scored()) {
        out.put(id, b.reason() != null ? b.reason() : text(b.status()));
      }
    });
    return out;
  }

  /** The notes of a variant's summary (the official rules' caveats). */
  public List<String> notes(String benchmark, String variant) {
    return variantSummary(benchmark, variant).notesOrEmpty();
  }

  /**
   * A paired effect the run's summary recorded (a later turn against no-reflection on the same prompts), for runs
   * whose prompt sets a report cannot recompute it from.
   */
  public record Effect(String variant, String versus, double delta, double low, double high, double p) {}

  public List<Effect> effects(String benchmark) {
    List<Effect> out = new ArrayList<>();
    benchmarkSummary(benchmark).effectsOrEmpty().forEach((variant, d) -> {
      if (d.ci95() != null && d.ci95().size() == 2 && d.ci95().get(0) != null && d.ci95().get(1) != null) {
        out.add(new Effect(variant, text(d.versus()), d.delta(), d.ci95().get(0), d.ci95().get(1), d.pBootstrap()));
      }
    });
    return out;
  }

  /** The labelled preview of a variant whose official overall is withheld, if any. */
  public Optional<Double> preview(String benchmark, String variant) {
    Summary.VariantEntry v = variantSummary(benchmark, variant);
    JsonNode p = v.extra() == null ? null : v.extra().get(VariantSummary.PREVIEW);
    return v.overall() == null && p != null && p.isNumber() ? Optional.of(p.asDouble()) : Optional.empty();
  }

  /** The run's prompt set of a benchmark (recorded in the run since the prompts/ folder exists). */
  public Optional<PromptSet> prompts(String benchmark) {
    return snapshot.promptSet(benchmark);
  }

  /**
   * The scored images of one variant as the aggregation takes them (failures included, as counted failures),
   * from the scorer the summary names. Empty when the run did not record its prompt set.
   */
  public List<ScoredSample> samples(String benchmark, String variant) {
    Optional<PromptSet> set = prompts(benchmark);
    if (set.isEmpty()) {
      return List.of();
    }
    Map<String, Prompt> byId = new LinkedHashMap<>();
    set.get().prompts().forEach(p -> byId.put(p.id(), p));
    String scorer = text(benchmarkSummary(benchmark).scorer());
    List<ScoredSample> out = new ArrayList<>();
    for (ScoreRecord r : snapshot.scores()) {
      if (r.key().benchmark().equals(benchmark) && r.key().variant().equals(variant)
          && (scorer.isEmpty() || r.key().scorer().equals(scorer)) && byId.containsKey(r.key().promptId())) {
        out.add(new ScoredSample(byId.get(r.key().promptId()), r.key().sample(), r));
      }
    }
    return out;
  }

  /** The trajectory of a prompt's sample, if stored. */
  public Optional<Trajectory> trajectory(String benchmark, String promptId, int sample) {
    return Optional.ofNullable(snapshot.trajectories().get(benchmark + "/" + promptId + "/s" + sample));
  }

  /**
   * The recorded settings that change a benchmark's numbers: prompt file, judge model and protocol, benchmark
   * version, preset, samples, scorer back end, pipeline. Rows of a table that differ in one of them are flagged.
   */
  public Map<String, String> settings(String benchmark) {
    Map<String, String> s = new TreeMap<>();
    Summary.BenchmarkSummary b = benchmarkSummary(benchmark);
    Manifest m = snapshot.manifest();
    put(s, "prompts", b.promptVersion());
    put(s, "scorer", b.scorer());
    if (m != null) {
      RunFingerprint.BenchmarkFingerprint fb = m.fingerprint() == null || m.fingerprint().benchmarks() == null ? null
          : m.fingerprint().benchmarks().get(benchmark);
      if (fb != null && fb.samples() != null) {
        put(s, "samples", fb.samples().toString());
      }
      Fingerprint fp = fb == null || fb.scorer() == null ? null : fb.scorer().fingerprint();
      if (fp != null) {
        fp.judgeModel().ifPresent(j -> put(s, "judge", j));
        fp.protocol().ifPresent(p -> put(s, "judge protocol", p));
      }
      RunSpecRecord c = m.config();
      if (c != null) {
        put(s, "pipeline", c.pipeline());
        put(s, "preset", c.preset());
        Map<String, String> options = c.benchOptions() == null ? null : c.benchOptions().get(benchmark);
        if (options != null && !options.isEmpty()) {
          put(s, "options", JSON.valueToTree(options).toString());
        }
      }
    }
    return s;
  }

  /** For the options' text as reports showed it before the records (compact JSON, keys sorted). */
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.irgeval.util.Json.mapper();

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }

  /**
   * A statistic for comparisons: the benchmark's official overall, or, where the official rules withhold it for
   * missing prompts, the labelled preview on the scored prompts (a comparison of two runs on the prompts both
   * scored needs a value there).
   */
  public static Double overallOrPreview(VariantSummary s) {
    if (s.overall() != null) {
      return s.overall();
    }
    return s.extra().get(VariantSummary.PREVIEW) instanceof Number n ? n.doubleValue() : null;
  }
}
