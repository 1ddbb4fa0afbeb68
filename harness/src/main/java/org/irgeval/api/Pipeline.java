package org.irgeval.api;

import java.util.Map;

/**
 * Turns prompts into trajectories. {@link #generate} is called from up to {@link #parallelism()} threads at
 * once; it blocks until the trajectory is finished or failed for good.
 */
public interface Pipeline extends AutoCloseable {
  /**
   * Resolved settings that change the pixels (preset values, mode, size...). Part of the run's
   * configuration fingerprint; endpoints are not (a run may resume on other GPUs).
   */
  Map<String, Object> settings();

  /** Facts for the manifest that do not change the pixels (endpoints, health answers, checkpoint). */
  default Map<String, Object> facts() {
    return Map.of();
  }

  /** How many generate calls may run at once. */
  int parallelism();

  /** True when this pipeline is not a model (every score from it is a plumbing check). */
  boolean plumbing();

  /** Generates one trajectory. */
  Generation generate(GenerationRequest request) throws Exception;

  /** Per-back-end counters (requests, failures, retries) for the summary. */
  default Map<String, Object> stats() {
    return Map.of();
  }

  @Override
  default void close() throws Exception {}
}
