package org.irgeval.scoring.ocr;

import java.util.List;

/**
 * A text box as PaddleOCR keeps it: four corners, normally top-left, top-right, bottom-right, bottom-left.
 *
 * @param corners exactly four points
 */
record Quad(List<Pt> corners) {
  Quad {
    if (corners.size() != 4) {
      throw new IllegalArgumentException("a quad has 4 corners, got " + corners.size());
    }
    corners = List.copyOf(corners);
  }

  static Quad of(Pt a, Pt b, Pt c, Pt d) {
    return new Quad(List.of(a, b, c, d));
  }

  Pt get(int i) {
    return corners.get(i);
  }

  double minX() {
    return corners.stream().mapToDouble(Pt::x).min().orElseThrow();
  }

  double maxX() {
    return corners.stream().mapToDouble(Pt::x).max().orElseThrow();
  }

  double minY() {
    return corners.stream().mapToDouble(Pt::y).min().orElseThrow();
  }

  double maxY() {
    return corners.stream().mapToDouble(Pt::y).max().orElseThrow();
  }
}
