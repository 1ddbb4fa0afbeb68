package org.irgeval.pipeline.reference;

import java.util.List;

/**
 * What the reference renderer draws: object instances at grid cells, and optional text.
 *
 * @param instances objects to draw
 * @param text      text to draw at the bottom, or null
 */
public record ScenePlan(List<Instance> instances, String text) {
  public ScenePlan {
    instances = List.copyOf(instances);
  }

  /**
   * One drawn object.
   *
   * @param code  class code painted into its marker
   * @param label class name (for the thinking text)
   * @param color palette colour name
   * @param col   grid column
   * @param row   grid row
   * @param shape shape index (0 ellipse, 1 square, 2 triangle, 3 diamond)
   */
  public record Instance(int code, String label, String color, int col, int row, int shape) {}
}
