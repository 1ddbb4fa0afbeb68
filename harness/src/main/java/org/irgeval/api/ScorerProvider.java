package org.irgeval.api;

import java.util.List;
import java.util.Set;

/**
 * Creates {@link Scorer}s for one or more benchmarks (a VLM yes/no judge or a VQAScore back end may serve
 * several). Registered in {@code META-INF/services/org.irgeval.api.ScorerProvider}; chosen with
 * {@code --scorer <benchmark>=<id>}.
 */
public interface ScorerProvider {
  /** Unique id (e.g. "my-bench-djl"). */
  String id();

  /** The ids of the benchmarks it scores; {@link #open} is called once per benchmark of a run. */
  Set<String> benchmarks();

  /** One line for {@code irg-eval list}. */
  String description();

  /**
   * True for back ends that only make sense on the reference pipeline's drawings (plumbing checks, never a
   * model's score). The embedded demo picks these; real runs never pick them by default.
   */
  default boolean plumbing() {
    return false;
  }

  /**
   * True when it scores through the run's OpenAI-compatible judge ({@code --judge-url}). With a judge
   * configured, such a scorer is preferred over a plumbing one even on a plumbing pipeline: a reference run
   * judged by a real VLM is a legitimate smoke test of the judge.
   */
  default boolean usesJudge() {
    return false;
  }

  /**
   * The {@code --scorer-opt} keys it reads, besides the shared ones the harness parses itself
   * ({@code concurrency}: see {@link ScorerContext#concurrency(int)}). Unknown keys are refused by the harness.
   */
  default List<OptionSpec> options() {
    return List.of();
  }

  /**
   * Judge requests it makes to score one image of {@code prompt}, for the plan of {@code doctor} and
   * {@code run --dry-run} (default: one when it {@link #usesJudge() uses the judge}, else none).
   */
  default int judgeCalls(Prompt prompt) {
    return usesJudge() ? 1 : 0;
  }

  /**
   * True when its judge requests ask for {@code logprobs} (e.g. VQAScore reads P("Yes") from them): the preflight
   * then checks that the judge returns them before any image is made.
   */
  default boolean judgeLogprobs() {
    return false;
  }

  /** Among non-plumbing providers of a benchmark the highest priority is the default. */
  default int priority() {
    return 0;
  }

  /**
   * Opens the scorer.
   *
   * @throws ScorerUnavailableException when a required resource (model file, judge URL) is not configured;
   *                                    the benchmark is then reported as not scored, with this message
   */
  Scorer open(ScorerContext context) throws Exception;
}
