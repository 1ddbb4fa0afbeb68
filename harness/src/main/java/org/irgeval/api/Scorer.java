package org.irgeval.api;

/** Scores images of one benchmark with one back end. Thread-safe up to {@link #concurrency()} callers. */
public interface Scorer extends AutoCloseable {
  /**
   * Everything that changes the numbers (model, judge snapshot, thresholds, template hash). A run refuses
   * to resume with a different fingerprint.
   */
  String fingerprint();

  /** How many images may be scored at once (bounded concurrency per back end). */
  default int concurrency() {
    return 1;
  }

  /**
   * Scores one image.
   *
   * @throws Exception a transient failure: nothing is stored, a rerun tries again
   */
  ScoreOutcome score(ScoringInput input) throws Exception;

  @Override
  default void close() throws Exception {}
}
