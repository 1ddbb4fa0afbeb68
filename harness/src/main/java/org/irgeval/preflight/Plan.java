package org.irgeval.preflight;

import java.util.List;

/**
 * What a run will do, computed before any work from the prompt counts, the pipeline's {@code estimate} and the
 * scorers' judge use.
 *
 * @param benchmarks              one row per benchmark, in run order
 * @param turns                   image turns per trajectory
 * @param gpuSecondsPerTrajectory the pipeline's estimate of one trajectory's GPU time
 * @param timeSource              where that time comes from
 * @param generate                whether the run generates (false: it scores stored trajectories)
 * @param bytesPerImage           the pipeline's estimate of one stored image
 * @param promptPricePerMTok      judge price per million prompt tokens, or null when not given
 * @param completionPricePerMTok  judge price per million completion tokens, or null when not given
 */
public record Plan(List<BenchmarkPlan> benchmarks, int turns, double gpuSecondsPerTrajectory, String timeSource,
                   boolean generate, long bytesPerImage, Double promptPricePerMTok, Double completionPricePerMTok) {
  /**
   * Prompt and completion tokens of one judge request, roughly: a 1024px image is 765 prompt tokens at OpenAI's
   * high detail (85 + 4 tiles x 170), plus the protocol's text; replies are short (yes/no lists, three scores).
   */
  public static final int PROMPT_TOKENS_PER_CALL = 1100;
  public static final int COMPLETION_TOKENS_PER_CALL = 150;

  public Plan {
    benchmarks = List.copyOf(benchmarks);
  }

  /**
   * One benchmark's share.
   *
   * @param benchmark    its id
   * @param prompts      prompts (after --limit / --shard)
   * @param promptSource "data" when counted in the data folder, "official count" when the data is not there yet
   * @param samples      images per prompt
   * @param scorer       the scorer that will score it, or null
   * @param judgeModel   the judge model its scorer asks for, or null
   * @param judgeCalls   judge requests for every image of every turn, or -1 when unknown (data absent)
   */
  public record BenchmarkPlan(String benchmark, int prompts, String promptSource, int samples, String scorer,
                              String judgeModel, long judgeCalls) {
    public long trajectories() {
      return (long) prompts * samples;
    }
  }

  public long trajectories() {
    return benchmarks.stream().mapToLong(BenchmarkPlan::trajectories).sum();
  }

  public long images() {
    return trajectories() * turns;
  }

  public long judgeCalls() {
    return benchmarks.stream().mapToLong(b -> Math.max(0, b.judgeCalls())).sum();
  }

  public double gpuHours() {
    return generate ? trajectories() * gpuSecondsPerTrajectory / 3600 : 0;
  }

  /** Bytes of the images the run will write. */
  public long imageBytes() {
    return generate ? images() * bytesPerImage : 0;
  }

  /** The judge's cost in USD at the given prices, or null when no price was given. */
  public Double judgeCostUsd() {
    if (promptPricePerMTok == null && completionPricePerMTok == null) {
      return null;
    }
    double in = promptPricePerMTok == null ? 0 : promptPricePerMTok;
    double out = completionPricePerMTok == null ? 0 : completionPricePerMTok;
    return judgeCalls() * (PROMPT_TOKENS_PER_CALL * in + COMPLETION_TOKENS_PER_CALL * out) / 1e6;
  }
}
