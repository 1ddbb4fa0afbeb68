package org.irgeval.api;

/**
 * Creates a {@link Scorer} for one benchmark. Registered in
 * {@code META-INF/services/org.irgeval.api.ScorerProvider}; chosen with {@code --scorer <benchmark>=<id>}.
 */
public interface ScorerProvider {
  /** Unique id (e.g. "my-bench-djl"). */
  String id();

  /** The benchmark id it scores. */
  String benchmark();

  /** One line for {@code irg-eval list}. */
  String description();

  /**
   * True for back ends that only make sense on the reference pipeline's drawings (plumbing checks, never a
   * model's score). The embedded demo picks these; real runs never pick them by default.
   */
  default boolean plumbing() {
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
