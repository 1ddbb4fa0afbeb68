package org.irgeval.scoring.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code cv2.minAreaRect} + {@code cv2.boxPoints} (rotating calipers over the convex hull) and DBPostProcess's
 * {@code get_mini_boxes} (ppocr/postprocess/db_postprocess.py), which orders the four corners as
 * top-left, top-right, bottom-right, bottom-left and reports the shorter side.
 */
final class MinAreaRect {
  private MinAreaRect() {}

  /**
   * get_mini_boxes' result.
   *
   * @param box       corners ordered [index_1, index_2, index_3, index_4] as get_mini_boxes does
   * @param shortSide {@code min(bounding_box[1])}
   */
  record MiniBox(Quad box, double shortSide) {}

  /** get_mini_boxes(contour); {@code points} must not be empty. */
  static MiniBox miniBox(List<Pt> points) {
    Rect r = minAreaRect(points);
    List<Pt> p = new ArrayList<>(r.corners());
    // Python's sorted(..., key=x) is stable; List.sort is stable too, so ties keep boxPoints' order.
    p.sort(Comparator.comparingDouble(Pt::x));
    int i1;
    int i4;
    if (p.get(1).y() > p.get(0).y()) {
      i1 = 0;
      i4 = 1;
    } else {
      i1 = 1;
      i4 = 0;
    }
    int i2;
    int i3;
    if (p.get(3).y() > p.get(2).y()) {
      i2 = 2;
      i3 = 3;
    } else {
      i2 = 3;
      i3 = 2;
    }
    return new MiniBox(Quad.of(p.get(i1), p.get(i2), p.get(i3), p.get(i4)), Math.min(r.width(), r.height()));
  }

  /**
   * A rotated rectangle.
   *
   * @param corners its four corners in boundary order
   * @param width   length of the side along the caliper edge
   * @param height  length of the other side
   */
  record Rect(List<Pt> corners, double width, double height) {}

  /** The minimum-area enclosing rectangle of {@code points} (degenerate for 1 or 2 distinct points). */
  static Rect minAreaRect(List<Pt> points) {
    List<Pt> hull = convexHull(points);
    if (hull.size() == 1) {
      Pt a = hull.get(0);
      return new Rect(List.of(a, a, a, a), 0, 0);
    }
    if (hull.size() == 2) {
      Pt a = hull.get(0);
      Pt b = hull.get(1);
      return new Rect(List.of(a, b, b, a), a.dist(b), 0);
    }
    double bestArea = Double.MAX_VALUE;
    Rect best = null;
    int n = hull.size();
    for (int i = 0; i < n; i++) {
      Pt a = hull.get(i);
      Pt b = hull.get((i + 1) % n);
      double len = a.dist(b);
      if (len == 0) {
        continue;
      }
      double ux = (b.x() - a.x()) / len;
      double uy = (b.y() - a.y()) / len;
      double minU = Double.MAX_VALUE;
      double maxU = -Double.MAX_VALUE;
      double minV = Double.MAX_VALUE;
      double maxV = -Double.MAX_VALUE;
      for (Pt p : hull) {
        double du = (p.x() - a.x()) * ux + (p.y() - a.y()) * uy;
        double dv = -(p.x() - a.x()) * uy + (p.y() - a.y()) * ux;
        minU = Math.min(minU, du);
        maxU = Math.max(maxU, du);
        minV = Math.min(minV, dv);
        maxV = Math.max(maxV, dv);
      }
      double area = (maxU - minU) * (maxV - minV);
      if (area < bestArea - 1e-9) {
        bestArea = area;
        best = new Rect(List.of(at(a, ux, uy, minU, minV), at(a, ux, uy, maxU, minV), at(a, ux, uy, maxU, maxV),
            at(a, ux, uy, minU, maxV)), maxU - minU, maxV - minV);
      }
    }
    return best;
  }

  private static Pt at(Pt o, double ux, double uy, double u, double v) {
    return new Pt(o.x() + u * ux - v * uy, o.y() + u * uy + v * ux);
  }

  /** Andrew's monotone chain; duplicate points removed; counter-clockwise in a y-up frame. */
  static List<Pt> convexHull(List<Pt> points) {
    List<Pt> p = new ArrayList<>(points);
    p.sort(Comparator.comparingDouble(Pt::x).thenComparingDouble(Pt::y));
    List<Pt> uniq = new ArrayList<>();
    for (Pt q : p) {
      if (uniq.isEmpty() || !uniq.get(uniq.size() - 1).equals(q)) {
        uniq.add(q);
      }
    }
    if (uniq.size() <= 2) {
      return uniq;
    }
    Pt[] h = new Pt[2 * uniq.size()];
    int k = 0;
    for (Pt q : uniq) {
      while (k >= 2 && cross(h[k - 2], h[k - 1], q) <= 0) {
        k--;
      }
      h[k++] = q;
    }
    for (int i = uniq.size() - 2, t = k + 1; i >= 0; i--) {
      Pt q = uniq.get(i);
      while (k >= t && cross(h[k - 2], h[k - 1], q) <= 0) {
        k--;
      }
      h[k++] = q;
    }
    List<Pt> out = new ArrayList<>(k - 1);
    for (int i = 0; i < k - 1; i++) {
      out.add(h[i]);
    }
    return out;
  }

  private static double cross(Pt o, Pt a, Pt b) {
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
  }
}
