package org.irgeval.store.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} (docs/architecture.md, "summary.json contract"): per benchmark and variant the official
 * scores, their CIs and counts. An import writes only {@code run} and {@code benchmarks}.
 *
 * @param run                the run's name
 * @param plumbing           whether a plumbing pipeline or scorer made it
 * @param notice             the plumbing notice
 * @param benchmarks         per benchmark, in the run's order
 * @param session            the last session's counts
 * @param pipeline           the pipeline's statistics
 * @param judge              the judge's usage
 * @param inputsSha256       hash of everything the results depend on (reuse check)
 * @param summaryComputation how the summary was computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"run", "plumbing", "notice", "benchmarks", "session", "pipeline", "judge", "inputs_sha256",
    "summary_computation"})
public record Summary(String run, Boolean plumbing, String notice, Map<String, BenchmarkSummary> benchmarks,
                      SessionCounts session, JsonNode pipeline, JsonNode judge, String inputsSha256,
                      Computation summaryComputation) {
  public static Summary of(JsonNode json) throws IOException {
    return RecordJson.read(json, Summary.class);
  }

  /** Whether a JSON value has a summary's shape (an object with a "benchmarks" object). */
  public static boolean isSummary(JsonNode json) {
    return json != null && json.isObject() && json.path("benchmarks").isObject();
  }

  public boolean isPlumbing() {
    return Boolean.TRUE.equals(plumbing);
  }

  /** The results alone, without this session's counts and how long their computation took. */
  public Summary withoutSession() {
    return new Summary(run, plumbing, notice, benchmarks, null, pipeline, judge, inputsSha256, null);
  }

  /** The same with more benchmarks listed after this summary's (e.g. the demo's samples without an adapter). */
  public Summary with(Map<String, BenchmarkSummary> more) {
    Map<String, BenchmarkSummary> all = new LinkedHashMap<>(benchmarks);
    all.putAll(more);
    return new Summary(run, plumbing, notice, all, session, pipeline, judge, inputsSha256, summaryComputation);
  }

  /**
   * One benchmark's entry.
   *
   * @param title          the benchmark's title
   * @param promptVersion  its prompt set's version
   * @param scorer         the scorer's id (written as null when not scored)
   * @param plumbingScorer whether the scorer is a plumbing check
   * @param generation     stored trajectories and their mean timings
   * @param status         "scored" or "not scored"
   * @param reason         why not scored
   * @param variants       per variant, in turn order
   * @param effects        per later variant: its paired difference with no-reflection
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"title", "prompt_version", "scorer", "plumbing_scorer", "generation", "status", "reason",
      "variants", "effects"})
  public record BenchmarkSummary(String title, String promptVersion,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String scorer, Boolean plumbingScorer,
                                 Generation generation, String status, String reason,
                                 Map<String, VariantEntry> variants, Map<String, Effect> effects) {
    public static final String SCORED = "scored";
    public static final String NOT_SCORED = "not scored";

    public boolean scored() {
      return SCORED.equals(status);
    }

    /** A benchmark listed without being scored (its {@code scorer} is written as null). */
    public static BenchmarkSummary notScored(String reason) {
      return new BenchmarkSummary(null, null, null, null, null, NOT_SCORED, reason, null, null);
    }

    public Map<String, VariantEntry> variantsOrEmpty() {
      return variants == null ? Map.of() : variants;
    }

    public Map<String, Effect> effectsOrEmpty() {
      return effects == null ? Map.of() : effects;
    }
  }

  /**
   * One variant's scores.
   *
   * @param overall        the official overall, null where the official rules give none
   * @param nPrompts       prompts with at least one scored image
   * @param nImages        images scored successfully
   * @param ci95           bootstrap 95% CI of the overall, null with no overall
   * @param categories     the official category scores, in official order
   * @param categoriesCi95 per category its 95% CI (absent in summaries written before it existed)
   * @param failures       images whose scoring failed (final)
   * @param extra          the benchmark's additional numbers
   * @param notes          the official rules' caveats
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"overall", "n_prompts", "n_images", "ci95", "categories", "categories_ci95", "failures", "extra",
      "notes"})
  public record VariantEntry(@JsonInclude(JsonInclude.Include.ALWAYS) Double overall, int nPrompts, int nImages,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<Double> ci95,
                             Map<String, Double> categories, Map<String, List<Double>> categoriesCi95,
                             Integer failures, JsonNode extra, List<String> notes) {
    public Map<String, Double> categoriesOrEmpty() {
      return categories == null ? Map.of() : categories;
    }

    public List<String> notesOrEmpty() {
      return notes == null ? List.of() : notes;
    }

    public int failuresOrZero() {
      return failures == null ? 0 : failures;
    }
  }

  /** @param versus the variant compared with @param delta the difference @param ci95 its CI @param pBootstrap p */
  @JsonPropertyOrder({"versus", "delta", "ci95", "p_bootstrap"})
  public record Effect(String versus, double delta, List<Double> ci95, double pBootstrap) {}

  /**
   * @param planned           trajectories planned
   * @param stored            trajectories stored
   * @param failedThisSession generations that failed in the last session
   * @param mean              mean per-turn timings and token counts
   * @param endpoints         endpoints that generated them
   */
  @JsonPropertyOrder({"planned", "stored", "failed_this_session", "mean", "endpoints"})
  public record Generation(int planned, int stored, int failedThisSession, Map<String, Double> mean,
                           List<String> endpoints) {}

  @JsonPropertyOrder({"generated", "scored", "generation_failures", "score_incomplete", "trajectories_planned"})
  public record SessionCounts(int generated, int scored, int generationFailures, int scoreIncomplete,
                              int trajectoriesPlanned) {}

  @JsonPropertyOrder({"reused", "seconds", "bootstrap_threads"})
  public record Computation(boolean reused, double seconds, int bootstrapThreads) {}
}
