package org.irgeval.scoring.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PaddleOCR's {@code sorted_boxes} (tools/infer/predict_system.py): reading order, top to bottom by the first
 * corner's y then x, then boxes whose first corners are less than 10 px apart vertically are put left to right
 * by bubbling each box back past its left-lying same-line neighbours.
 *
 * <p>We follow the loop as PaddleOCR 2.7+ writes it, {@code for j in range(i, -1, -1)}; the older commit we also
 * read (006d84b) has {@code range(i, 0, -1)}, which never swaps the first two boxes (docs/ocr.md).
 */
final class BoxSorter {
  /** The same-line tolerance, pixels. */
  static final double LINE_TOLERANCE = 10;

  private BoxSorter() {}

  static List<Quad> sort(List<Quad> boxes) {
    List<Quad> b = new ArrayList<>(boxes);
    b.sort(Comparator.<Quad>comparingDouble(q -> q.get(0).y()).thenComparingDouble(q -> q.get(0).x()));
    for (int i = 0; i < b.size() - 1; i++) {
      for (int j = i; j >= 0; j--) {
        Pt next = b.get(j + 1).get(0);
        Pt cur = b.get(j).get(0);
        if (Math.abs(next.y() - cur.y()) < LINE_TOLERANCE && next.x() < cur.x()) {
          Quad t = b.get(j);
          b.set(j, b.get(j + 1));
          b.set(j + 1, t);
        } else {
          break;
        }
      }
    }
    return b;
  }
}
