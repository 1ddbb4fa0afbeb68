package org.irgeval.benchmarks.geneval.scoring;

import java.awt.image.BufferedImage;
import java.util.List;
import org.irgeval.benchmarks.geneval.rules.Detection;

/**
 * An instance detector in mmdet's output shape: per class index (object_names.txt order), the rows
 * {@code [x1, y1, x2, y2, score]} with their masks, unfiltered (the rules threshold and cap them).
 */
public interface Detector extends AutoCloseable {
  List<List<Detection>> detect(BufferedImage image) throws Exception;

  /** Model identity and settings that change detections. */
  String fingerprint();

  @Override
  default void close() {}
}
