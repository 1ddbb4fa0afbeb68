package org.irgeval.api;

import java.util.List;

/** Creates a {@link Pipeline}; registered in {@code META-INF/services/org.irgeval.api.PipelineProvider}. */
public interface PipelineProvider {
  /** Id used with {@code --pipeline} ("reference", "irg", "images"). */
  String id();

  /** One line for {@code irg-eval list}. */
  String description();

  /**
   * The {@code --pipeline-opt} keys it reads. The harness refuses any other key, and any value the declaration
   * does not allow, before {@link #open} is called.
   */
  default List<OptionSpec> options() {
    return List.of();
  }

  /**
   * What a trajectory with these settings costs, known without opening the pipeline (no endpoint is contacted), for
   * the plan of {@code doctor} and {@code run --dry-run}. Empty (the default) when the pipeline cannot say.
   */
  default java.util.Optional<GenerationEstimate> estimate(PipelineConfig config) {
    return java.util.Optional.empty();
  }

  Pipeline open(PipelineConfig config) throws Exception;
}
