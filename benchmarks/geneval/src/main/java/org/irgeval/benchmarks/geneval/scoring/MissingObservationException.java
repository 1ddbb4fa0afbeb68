package org.irgeval.benchmarks.geneval.scoring;

/**
 * A back end has no answer for this image and never will (e.g. an imported detections file without the
 * image); the scorer stores it as a counted failure instead of retrying.
 */
public class MissingObservationException extends Exception {
  public MissingObservationException(String message) {
    super(message);
  }
}
