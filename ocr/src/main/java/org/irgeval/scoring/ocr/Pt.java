package org.irgeval.scoring.ocr;

/**
 * A point in image (or probability-map) pixel coordinates, x to the right, y down.
 *
 * @param x column
 * @param y row
 */
record Pt(double x, double y) {
  double dist(Pt o) {
    return Math.hypot(x - o.x, y - o.y);
  }
}
