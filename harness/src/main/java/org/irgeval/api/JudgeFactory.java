package org.irgeval.api;

/** Opens the run's judge client. */
public interface JudgeFactory {
  /**
   * The judge to use: the model the user named with {@code --judge-model}, or else {@code defaultModel}
   * (the benchmark protocol's pinned snapshot). The model actually used is recorded in the manifest.
   */
  Judge open(String defaultModel);
}
