package org.irgeval.api;

/** Creates a {@link Pipeline}; registered in {@code META-INF/services/org.irgeval.api.PipelineProvider}. */
public interface PipelineProvider {
  /** Id used with {@code --pipeline} ("reference", "irg", "images"). */
  String id();

  /** One line for {@code irg-eval list}. */
  String description();

  Pipeline open(PipelineConfig config) throws Exception;
}
