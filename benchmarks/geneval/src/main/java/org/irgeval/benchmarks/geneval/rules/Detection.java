package org.irgeval.benchmarks.geneval.rules;

/**
 * One detection of one class: a row {@code [x1, y1, x2, y2, score]} of mmdet's {@code bbox_results[c]} plus its
 * mask. Coordinates and score are float32 because the official arrays are float32 and every comparison in the
 * rules happens in float32 (docs/geneval.md, "Float32 arithmetic").
 *
 * @param x1    left, pixels
 * @param y1    top
 * @param x2    right, exclusive (mmdet mask2bbox gives x_max + 1)
 * @param y2    bottom, exclusive
 * @param score detection confidence
 * @param mask  instance mask, or null when the detector gives none (the official crop then keeps the image)
 */
public record Detection(float x1, float y1, float x2, float y2, float score, ObjectMask mask) {
  public Detection(float x1, float y1, float x2, float y2, float score) {
    this(x1, y1, x2, y2, score, null);
  }

  /** The official {@code details} row: {@code box.tolist()} of the float32 row. */
  public float[] row() {
    return new float[] {x1, y1, x2, y2, score};
  }
}
