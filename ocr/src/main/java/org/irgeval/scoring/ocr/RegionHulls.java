package org.irgeval.scoring.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * The stand-in for {@code cv2.findContours} in {@link DbPostProcess}: the 8-connected foreground regions of a
 * binary map (OpenCV's contour tracing connects foreground pixels 8-wise), each reduced to the leftmost and
 * rightmost pixel of every row it covers, a point set with the same convex hull as the region's outer contour.
 * Regions come in raster order of their first pixel; at most {@code maxCandidates} are returned.
 */
final class RegionHulls {
  private RegionHulls() {}

  static List<List<Pt>> of(boolean[] bitmap, int w, int h, int maxCandidates) {
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    List<List<Pt>> out = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < bitmap.length && out.size() < maxCandidates; start++) {
      if (!bitmap[start] || label[start] != 0) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int y0 = start / w;
      int[] minX = new int[h - y0];
      int[] maxX = new int[h - y0];
      java.util.Arrays.fill(minX, Integer.MAX_VALUE);
      java.util.Arrays.fill(maxX, -1);
      while (top > 0) {
        int p = stack[--top];
        int x = p % w;
        int y = p / w;
        minX[y - y0] = Math.min(minX[y - y0], x);
        maxX[y - y0] = Math.max(maxX[y - y0], x);
        for (int dy = -1; dy <= 1; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            if (xx < 0 || xx >= w) {
              continue;
            }
            int q = yy * w + xx;
            if (bitmap[q] && label[q] == 0) {
              label[q] = next;
              stack[top++] = q;
            }
          }
        }
      }
      List<Pt> pts = new ArrayList<>();
      for (int r = 0; r < minX.length; r++) {
        if (maxX[r] >= 0) {
          pts.add(new Pt(minX[r], y0 + r));
          if (maxX[r] != minX[r]) {
            pts.add(new Pt(maxX[r], y0 + r));
          }
        }
      }
      out.add(pts);
    }
    return out;
  }
}
