package org.irgeval.scoring.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Text boxes from the detector's probability map: DBPostProcess.boxes_from_bitmap (box_type 'quad', score_mode
 * 'fast', no dilation; ppocr/postprocess/db_postprocess.py) followed by TextDetector.filter_tag_det_res
 * (tools/infer/predict_det.py).
 *
 * <p>One documented substitution: {@code cv2.findContours(RETR_LIST, CHAIN_APPROX_SIMPLE)} is replaced by
 * 8-connected components of the binarized map. Every later step only uses a contour through
 * {@code cv2.minAreaRect}, which depends only on the convex hull, and an outer contour has the same hull as its
 * component. RETR_LIST's hole contours (borders of background holes inside a region) are not produced; see
 * docs/ocr.md.
 */
final class DbPostProcess {
  private DbPostProcess() {}

  /**
   * A detected box and its score.
   *
   * @param box   corners TL, TR, BR, BL in source-image pixels (integers, as PaddleOCR's int16 boxes)
   * @param score box_score_fast: mean probability inside the un-grown box
   */
  record Detection(Quad box, double score) {}

  /**
   * boxes_from_bitmap + filter_tag_det_res.
   *
   * @param pred  probability map, {@code mapH x mapW}, row-major
   * @param srcW  the source image's width (dest_width)
   * @param srcH  the source image's height (dest_height)
   */
  static List<Detection> boxes(float[] pred, int mapW, int mapH, int srcW, int srcH, PpOcrSettings s) {
    boolean[] bitmap = new boolean[pred.length];
    for (int i = 0; i < pred.length; i++) {
      bitmap[i] = pred[i] > s.thresh();
    }
    List<List<Pt>> regions = RegionHulls.of(bitmap, mapW, mapH, s.maxCandidates());
    List<Detection> out = new ArrayList<>();
    for (List<Pt> contour : regions) {
      MinAreaRect.MiniBox mini = MinAreaRect.miniBox(contour);
      if (mini.shortSide() < s.minSize()) {
        continue;
      }
      double score = boxScoreFast(pred, mapW, mapH, mini.box());
      if (s.boxThresh() > score) {
        continue;
      }
      List<Pt> grown = RoundOffset.offset(mini.box().corners(),
          RoundOffset.unclipDistance(mini.box().corners(), s.unclipRatio()));
      if (grown.isEmpty()) {
        continue;
      }
      MinAreaRect.MiniBox big = MinAreaRect.miniBox(grown);
      if (big.shortSide() < s.minSize() + 2) {
        continue;
      }
      List<Pt> scaled = new ArrayList<>(4);
      for (Pt p : big.box().corners()) {
        // np.round (half to even) then clip to [0, dest]; PaddleOCR stores the result as int16
        double x = Math.min(Math.max(Math.rint(p.x() / mapW * srcW), 0), srcW);
        double y = Math.min(Math.max(Math.rint(p.y() / mapH * srcH), 0), srcH);
        scaled.add(new Pt(x, y));
      }
      Quad kept = filterTag(scaled, srcW, srcH);
      if (kept != null) {
        out.add(new Detection(kept, score));
      }
    }
    return out;
  }

  /**
   * box_score_fast: the mean of {@code pred} over the box polygon, rasterized like {@code cv2.fillPoly} on the
   * box's bounding rectangle (corners shifted by the rectangle's origin and truncated to int32). Pixels on the
   * polygon's edges count as inside, as fillPoly's outline does.
   */
  static double boxScoreFast(float[] pred, int w, int h, Quad box) {
    int xmin = clamp((int) Math.floor(box.minX()), w - 1);
    int xmax = clamp((int) Math.ceil(box.maxX()), w - 1);
    int ymin = clamp((int) Math.floor(box.minY()), h - 1);
    int ymax = clamp((int) Math.ceil(box.maxY()), h - 1);
    int mw = xmax - xmin + 1;
    int mh = ymax - ymin + 1;
    int[] px = new int[4];
    int[] py = new int[4];
    for (int i = 0; i < 4; i++) {
      px[i] = (int) (box.get(i).x() - xmin);
      py[i] = (int) (box.get(i).y() - ymin);
    }
    double sum = 0;
    long count = 0;
    for (int r = 0; r < mh; r++) {
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        int y0 = py[i];
        int y1 = py[j];
        if (r < Math.min(y0, y1) || r > Math.max(y0, y1)) {
          continue;
        }
        if (y0 == y1) {
          lo = Math.min(lo, Math.min(px[i], px[j]));
          hi = Math.max(hi, Math.max(px[i], px[j]));
        } else {
          double x = px[i] + (double) (r - y0) * (px[j] - px[i]) / (y1 - y0);
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
      if (lo > hi) {
        continue;
      }
      int a = Math.max((int) Math.ceil(lo - 1e-9), 0);
      int b = Math.min((int) Math.floor(hi + 1e-9), mw - 1);
      for (int c = a; c <= b; c++) {
        sum += pred[(ymin + r) * w + xmin + c];
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /**
   * filter_tag_det_res for one box: order_points_clockwise, clip_det_res to the image (int), drop boxes whose
   * top edge or left edge is at most 3 px long.
   *
   * @return the kept box, or null
   */
  static Quad filterTag(List<Pt> pts, int imgW, int imgH) {
    List<Pt> xs = new ArrayList<>(pts);
    xs.sort(java.util.Comparator.comparingDouble(Pt::x)); // np.argsort on 4 values: insertion sort, stable
    List<Pt> left = new ArrayList<>(xs.subList(0, 2));
    List<Pt> right = new ArrayList<>(xs.subList(2, 4));
    left.sort(java.util.Comparator.comparingDouble(Pt::y));
    right.sort(java.util.Comparator.comparingDouble(Pt::y));
    Pt[] ordered = {left.get(0), right.get(0), right.get(1), left.get(1)};
    for (int i = 0; i < 4; i++) {
      ordered[i] = new Pt((int) Math.min(Math.max(ordered[i].x(), 0), imgW - 1),
          (int) Math.min(Math.max(ordered[i].y(), 0), imgH - 1));
    }
    int rectW = (int) ordered[0].dist(ordered[1]);
    int rectH = (int) ordered[0].dist(ordered[3]);
    if (rectW <= 3 || rectH <= 3) {
      return null;
    }
    return Quad.of(ordered[0], ordered[1], ordered[2], ordered[3]);
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
