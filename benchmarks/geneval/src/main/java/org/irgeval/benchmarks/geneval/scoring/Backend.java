package org.irgeval.benchmarks.geneval.scoring;

import org.irgeval.api.ScoringInput;

/** Where detections and colours come from: models run on the image, or an imported file. */
public interface Backend extends AutoCloseable {
  Observation observe(ScoringInput input) throws Exception;

  String fingerprint();

  @Override
  default void close() {}
}
