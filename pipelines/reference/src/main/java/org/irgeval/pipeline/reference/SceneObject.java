package org.irgeval.pipeline.reference;

/**
 * One kind of object in a {@link SceneHints} plan.
 *
 * @param label      human-readable class name ("dog")
 * @param code       a small integer (0..255) identifying the class in the benchmark's own vocabulary; the
 *                   reference renderer paints it as a marker so the plumbing detector can read it back
 * @param count      how many instances
 * @param color      one of the ten {@link ReferencePalette} colour names, or null for "any"
 * @param relation   "left of", "right of", "above", "below" relative to object {@code relativeTo}, or null
 * @param relativeTo index into {@link SceneHints#objects()} of the reference object, or -1
 */
public record SceneObject(String label, int code, int count, String color, String relation, int relativeTo) {
  public SceneObject {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("code must be in 0..255: " + code);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
  }
}
