package org.irgeval.benchmarks.geneval.scoring;

import java.awt.image.BufferedImage;
import java.util.List;
import org.irgeval.benchmarks.geneval.rules.Detection;

/** A colour back end: one of the ten GenEval colours per detected object of {@code className}. */
public interface ImageColorClassifier extends AutoCloseable {
  List<String> classify(BufferedImage image, String className, List<Detection> objects) throws Exception;

  /** Model identity and settings that change colours. */
  String fingerprint();

  @Override
  default void close() {}
}
