package org.irgeval.scoring.ocr;

/**
 * PaddleOCR's {@code get_rotate_crop_image} (tools/infer/utility.py, used by tools/infer/predict_system.py
 * TextSystem for quad boxes): a perspective crop of the box to an upright rectangle, with cubic interpolation and
 * replicated borders, turned a quarter counter-clockwise when it is at least 1.5 times taller than wide
 * (vertical text).
 */
final class CropExtractor {
  private CropExtractor() {}

  /**
   * @param image the whole image
   * @param box   corners top-left, top-right, bottom-right, bottom-left (filter_tag_det_res order)
   */
  static BgrImage crop(BgrImage image, Quad box) {
    Pt p0 = box.get(0);
    Pt p1 = box.get(1);
    Pt p2 = box.get(2);
    Pt p3 = box.get(3);
    int w = (int) Math.max(p0.dist(p1), p2.dist(p3));
    int h = (int) Math.max(p0.dist(p3), p1.dist(p2));
    if (w <= 0 || h <= 0) {
      throw new IllegalArgumentException("empty crop for box " + box);
    }
    Pt[] std = {new Pt(0, 0), new Pt(w, 0), new Pt(w, h), new Pt(0, h)};
    // warpPerspective inverts M = getPerspectiveTransform(points, std); we solve std -> points directly.
    double[] inverse = Homography.between(std, new Pt[] {p0, p1, p2, p3});
    BgrImage out = ImageOps.warpPerspectiveCubic(image, inverse, w, h);
    if (out.height() * 1.0 / out.width() >= 1.5) {
      out = ImageOps.rot90(out);
    }
    return out;
  }
}
