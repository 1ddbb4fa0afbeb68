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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Trajectory;
import org.irgeval.api.VariantSummary;
import org.irgeval.store.RunSnapshot;

/**
 * One run as a report reads it: its summary, its scores per benchmark and variant as the benchmark's aggregation
 * takes them, and the settings that explain why two runs' numbers differ.
 *
 * @param label    the name shown for the run (unique within a report)
 * @param snapshot the run's files
 */
public record RunView(String label, RunSnapshot snapshot) {
  private static final Pattern MODEL = Pattern.compile("\\bmodel=([^\\s|]+)");
  private static final Pattern PROTOCOL = Pattern.compile("\\b(?:judge_)?protocol=([^\\s|]+)");

  public static RunView read(Path dir, String label) throws IOException {
    return new RunView(label, RunSnapshot.read(dir));
  }

  public Path dir() {
    return snapshot.dir();
  }

  /** Benchmarks the run scored, in its summary's order. */
  public List<String> benchmarks() {
    List<String> out = new ArrayList<>();
    snapshot.summary().path("benchmarks").fields().forEachRemaining(e -> {
      if ("scored".equals(e.getValue().path("status").asText())) {
        out.add(e.getKey());
      }
    });
    return out;
  }

  /** Whether any scored benchmark has a variant with at least one scored image. */
  public boolean hasScoredImage() {
    for (String b : benchmarks()) {
      for (String v : variants(b)) {
        if (variantSummary(b, v).path("n_images").asLong(0) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  public JsonNode benchmarkSummary(String benchmark) {
    return snapshot.summary().path("benchmarks").path(benchmark);
  }

  /** Variants with a summary, in the summary's order. */
  public List<String> variants(String benchmark) {
    List<String> out = new ArrayList<>();
    benchmarkSummary(benchmark).path("variants").fieldNames().forEachRemaining(out::add);
    return out;
  }

  public JsonNode variantSummary(String benchmark, String variant) {
    return benchmarkSummary(benchmark).path("variants").path(variant);
  }

  public boolean plumbing() {
    return snapshot.summary().path("plumbing").asBoolean(false);
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
    JsonNode m = snapshot.manifest();
    String notice = snapshot.summary().path("notice").asText("");
    if (m == null) {
      return new Facts("", "", "", "", "", List.of(), notice);
    }
    JsonNode c = m.path("config");
    JsonNode h = m.path("harness");
    List<String> judges = new ArrayList<>();
    m.path("judge_used").path("models").forEach(j -> judges.add(j.asText()));
    return new Facts(h.path("version").asText("") + (h.hasNonNull("git_commit") ? " (" + h.path("git_commit").asText()
        + ")" : ""), c.path("pipeline").asText(m.path("kind").asText("")), c.path("preset").asText(""),
        c.path("turns").isNumber() ? c.path("turns").asText() : "", c.path("seed").isNumber() ? c.path("seed").asText()
        : "", judges, notice);
  }

  /**
   * The run's labels ({@link RunLabels}), plus {@code time}: when the run started (from its manifest), unless a
   * label of that name was given.
   */
  public Map<String, String> labels() throws IOException {
    Map<String, String> out = new TreeMap<>(RunLabels.read(dir()));
    JsonNode m = snapshot.manifest();
    if (m != null && !out.containsKey("time")) {
      String t = m.path("started").asText(m.path("created").asText(""));
      if (!t.isEmpty()) {
        out.put("time", t);
      }
    }
    return out;
  }

  /** Benchmarks listed but not scored, with the reason, in the summary's order. */
  public Map<String, String> notScored() {
    Map<String, String> out = new LinkedHashMap<>();
    snapshot.summary().path("benchmarks").fields().forEachRemaining(e -> {
      if (!"scored".equals(e.getValue().path("status").asText())) {
        out.put(e.getKey(), e.getValue().path("reason").asText(e.getValue().path("status").asText()));
      }
    });
    return out;
  }

  /** The notes of a variant's summary (the official rules' caveats). */
  public List<String> notes(String benchmark, String variant) {
    List<String> out = new ArrayList<>();
    variantSummary(benchmark, variant).path("notes").forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * A paired effect the run's summary recorded (a later turn against no-reflection on the same prompts), for runs
   * whose prompt sets a report cannot recompute it from.
   */
  public record Effect(String variant, String versus, double delta, double low, double high, double p) {}

  public List<Effect> effects(String benchmark) {
    List<Effect> out = new ArrayList<>();
    benchmarkSummary(benchmark).path("effects").fields().forEachRemaining(e -> {
      JsonNode d = e.getValue();
      if (d.path("ci95").isArray() && d.path("ci95").size() == 2) {
        out.add(new Effect(e.getKey(), d.path("versus").asText(), d.path("delta").asDouble(),
            d.path("ci95").get(0).asDouble(), d.path("ci95").get(1).asDouble(), d.path("p_bootstrap").asDouble()));
      }
    });
    return out;
  }

  /** The labelled preview of a variant whose official overall is withheld, if any. */
  public Optional<Double> preview(String benchmark, String variant) {
    JsonNode v = variantSummary(benchmark, variant);
    JsonNode p = v.path("extra").path(VariantSummary.PREVIEW);
    return !v.path("overall").isNumber() && p.isNumber() ? Optional.of(p.asDouble()) : Optional.empty();
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
    String scorer = benchmarkSummary(benchmark).path("scorer").asText();
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
    JsonNode b = benchmarkSummary(benchmark);
    JsonNode m = snapshot.manifest();
    put(s, "prompts", b.path("prompt_version").asText(null));
    put(s, "scorer", b.path("scorer").asText(null));
    if (m != null) {
      JsonNode fb = m.path("fingerprint").path("benchmarks").path(benchmark);
      if (fb.path("samples").isInt()) {
        put(s, "samples", fb.path("samples").asText());
      }
      String fp = fb.path("scorer").path("fingerprint").asText("");
      Matcher mm = MODEL.matcher(fp);
      if (mm.find()) {
        put(s, "judge", mm.group(1));
      }
      Matcher pm = PROTOCOL.matcher(fp);
      if (pm.find()) {
        put(s, "judge protocol", pm.group(1));
      }
      JsonNode c = m.path("config");
      put(s, "pipeline", c.path("pipeline").asText(null));
      if (c.hasNonNull("preset")) {
        put(s, "preset", c.path("preset").asText());
      }
      if (c.path("bench_options").path(benchmark).size() > 0) {
        put(s, "options", c.path("bench_options").path(benchmark).toString());
      }
    }
    return s;
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
