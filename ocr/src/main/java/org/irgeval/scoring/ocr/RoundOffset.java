package org.irgeval.scoring.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * DBPostProcess.unclip's polygon growth ({@code pyclipper.PyclipperOffset} with JT_ROUND, ET_CLOSEDPOLYGON,
 * arc_tolerance 0.25) for the case DB post-processing uses it on: a convex polygon (the min-area rectangle of a
 * text region). This ports Clipper 6.4's {@code ClipperOffset} path for that case: input coordinates become
 * integers the way pyclipper converts floats (truncation), edge normals {@code (dy, -dx)/len} on a polygon
 * oriented so Clipper's Area is positive, and {@code DoRound}'s arc of points at every corner, each rounded half
 * away from zero. Clipper's final union pass only removes duplicate or collinear points, which does not change
 * the min-area rectangle taken of the result, so it is left out (docs/ocr.md).
 */
final class RoundOffset {
  /** pyclipper's default ArcTolerance, Clipper's def_arc_tolerance. */
  private static final double ARC_TOLERANCE = 0.25;

  private RoundOffset() {}

  /**
   * The distance DBPostProcess.unclip grows a box by: {@code poly.area * unclip_ratio / poly.length} (shapely).
   */
  static double unclipDistance(List<Pt> box, double unclipRatio) {
    double area = Math.abs(shoelace(box));
    double perimeter = 0;
    for (int i = 0; i < box.size(); i++) {
      perimeter += box.get(i).dist(box.get((i + 1) % box.size()));
    }
    return perimeter == 0 ? 0 : area * unclipRatio / perimeter;
  }

  /** The grown polygon's points (integer coordinates), or an empty list when Clipper would drop the path. */
  static List<Pt> offset(List<Pt> polygon, double delta) {
    List<long[]> src = new ArrayList<>();
    for (Pt p : polygon) {
      long[] q = {(long) p.x(), (long) p.y()}; // pyclipper: float -> cInt truncates
      if (src.isEmpty() || src.get(src.size() - 1)[0] != q[0] || src.get(src.size() - 1)[1] != q[1]) {
        src.add(q);
      }
    }
    while (src.size() > 1 && src.get(0)[0] == src.get(src.size() - 1)[0]
        && src.get(0)[1] == src.get(src.size() - 1)[1]) {
      src.remove(src.size() - 1);
    }
    if (src.size() < 3) {
      return List.of(); // ClipperOffset.AddPath ignores closed paths with fewer than 3 vertices
    }
    if (clipperArea(src) < 0) { // FixOrientations: outer polygons must have Orientation() == true
      java.util.Collections.reverse(src);
    }
    int n = src.size();
    double[][] normals = new double[n][];
    for (int j = 0; j < n; j++) {
      long[] a = src.get(j);
      long[] b = src.get((j + 1) % n);
      double dx = b[0] - a[0];
      double dy = b[1] - a[1];
      double f = 1 / Math.hypot(dx, dy);
      normals[j] = new double[] {dy * f, -dx * f};
    }
    double y = ARC_TOLERANCE > Math.abs(delta) * ARC_TOLERANCE ? Math.abs(delta) * ARC_TOLERANCE : ARC_TOLERANCE;
    double steps = Math.PI / Math.acos(1 - y / Math.abs(delta));
    if (steps > Math.abs(delta) * Math.PI) {
      steps = Math.abs(delta) * Math.PI;
    }
    double sin = Math.sin(2 * Math.PI / steps);
    double cos = Math.cos(2 * Math.PI / steps);
    double stepsPerRad = steps / (2 * Math.PI);
    if (delta < 0) {
      sin = -sin;
    }
    List<Pt> out = new ArrayList<>();
    for (int j = 0, k = n - 1; j < n; k = j, j++) {
      long[] p = src.get(j);
      double sinA = normals[k][0] * normals[j][1] - normals[j][0] * normals[k][1];
      double cosA = normals[k][0] * normals[j][0] + normals[j][1] * normals[k][1];
      if (Math.abs(sinA * delta) < 1.0 && cosA > 0) { // (nearly) collinear: one point
        out.add(pt(p[0] + normals[k][0] * delta, p[1] + normals[k][1] * delta));
        continue;
      }
      sinA = Math.max(-1.0, Math.min(1.0, sinA));
      if (sinA * delta < 0) { // concave corner (not produced by a rectangle, kept for completeness)
        out.add(pt(p[0] + normals[k][0] * delta, p[1] + normals[k][1] * delta));
        out.add(new Pt(p[0], p[1]));
        out.add(pt(p[0] + normals[j][0] * delta, p[1] + normals[j][1] * delta));
        continue;
      }
      // DoRound
      double a = Math.atan2(sinA, cosA);
      int count = Math.max((int) round(stepsPerRad * Math.abs(a)), 1);
      double nx = normals[k][0];
      double ny = normals[k][1];
      for (int i = 0; i < count; i++) {
        out.add(pt(p[0] + nx * delta, p[1] + ny * delta));
        double x2 = nx;
        nx = nx * cos - sin * ny;
        ny = x2 * sin + ny * cos;
      }
      out.add(pt(p[0] + normals[j][0] * delta, p[1] + normals[j][1] * delta));
    }
    return out;
  }

  /** Clipper's Area(): {@code -0.5 * sum((x_j + x_i) * (y_j - y_i))} over edges i -> j. */
  private static double clipperArea(List<long[]> poly) {
    double a = 0;
    for (int i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
      a += ((double) poly.get(j)[0] + poly.get(i)[0]) * ((double) poly.get(j)[1] - poly.get(i)[1]);
    }
    return -a * 0.5;
  }

  private static double shoelace(List<Pt> p) {
    double a = 0;
    for (int i = 0; i < p.size(); i++) {
      Pt u = p.get(i);
      Pt v = p.get((i + 1) % p.size());
      a += u.x() * v.y() - v.x() * u.y();
    }
    return a / 2;
  }

  private static Pt pt(double x, double y) {
    return new Pt(round(x), round(y));
  }

  /** Clipper's Round(): half away from zero. */
  private static long round(double v) {
    return v < 0 ? (long) (v - 0.5) : (long) (v + 0.5);
  }
}
