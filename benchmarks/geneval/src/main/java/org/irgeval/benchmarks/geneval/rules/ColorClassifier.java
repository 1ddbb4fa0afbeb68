package org.irgeval.benchmarks.geneval.rules;

import java.util.List;

/**
 * The rules' colour callback, bound to one image: the official {@code color_classification(image, bboxes,
 * classname)} (evaluate_images.py l.109-127). Called only for the top-{@code count} detections of a
 * requirement that names a colour, and only after its count check passed (l.182-183).
 */
@FunctionalInterface
public interface ColorClassifier {
  /**
   * @return one of the ten colour names per object, in the order of {@code objects}
   * @throws Exception a back-end failure (the image is then not scored, never scored as wrong)
   */
  List<String> classify(String className, List<Detection> objects) throws Exception;
}
