package org.irgeval.api;

import java.util.List;
import java.util.Set;

/**
 * Creates {@link Scorer}s for one or more benchmarks (a VLM yes/no judge or a VQAScore back end may serve
 * several). Registered in {@code META-INF/services/org.irgeval.api.ScorerProvider}; chosen with
 * {@code --scorer <benchmark>=<id>}. A provider says what it is once, in {@link #describe()}; the other accessors
 * read that record and are not meant to be overridden.
 */
public interface ScorerProvider {
  /** Id, benchmarks, one-line description, kind, priority, default concurrency and former ids. */
  ScorerDescription describe();

  /** Unique id (e.g. "my-bench-djl"). */
  default String id() {
    return describe().id();
  }

  /** The ids of the benchmarks it scores; {@link #open} is called once per benchmark of a run. */
  default Set<String> benchmarks() {
    return describe().benchmarks();
  }

  /** One line for {@code irg-eval list}. */
  default String description() {
    return describe().description();
  }

  /**
   * True for back ends that only make sense on the reference pipeline's drawings (plumbing checks, never a
   * model's score). The embedded demo picks these; real runs never pick them by default. The engine labels every
   * score and the fingerprint of such a scorer; the scorer itself does not.
   */
  default boolean plumbing() {
    return describe().kind() == ScorerDescription.Kind.PLUMBING;
  }

  /**
   * True when it scores through the run's OpenAI-compatible judge ({@code --judge-url}). With a judge
   * configured, such a scorer is preferred over a plumbing one even on a plumbing pipeline: a reference run
   * judged by a real VLM is a legitimate smoke test of the judge.
   */
  default boolean usesJudge() {
    return describe().kind() == ScorerDescription.Kind.JUDGE;
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
    return describe().priority();
  }

  /**
   * The {@code --scorer-opt} keys it reads, besides the shared ones the harness parses itself
   * ({@code concurrency} and {@code device}: see {@link ScorerContext}). Unknown keys are refused by the harness.
   */
  default List<OptionSpec> options() {
    return List.of();
  }

  /**
   * Opens the scorer.
   *
   * @throws ScorerUnavailableException when a required resource (model file, judge URL) is not configured;
   *                                    the benchmark is then reported as not scored, with this message
   */
  Scorer open(ScorerContext context) throws Exception;
}
