package org.irgeval.scoring.ocr;

/**
 * The detector's input, as tools/infer/predict_det.py builds it: DetResizeForTest (ppocr/data/imaug/operators.py,
 * resize_image_type0: limit the long (or short) side, round each side to a multiple of 32), NormalizeImage
 * (scale 1/255, mean 0.485/0.456/0.406, std 0.229/0.224/0.225 per channel of the BGR image, order hwc) and
 * ToCHWImage, batch of one.
 */
final class DetPreprocess {
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};
  /** DetResizeForTest max_side_limit (newer PaddleOCR; only matters for limit_type 'min'). */
  private static final int MAX_SIDE_LIMIT = 4000;

  private DetPreprocess() {}

  /**
   * The network input size for an {@code h x w} image: DetResizeForTest.resize_image_type0.
   *
   * @return {height, width}, each a positive multiple of 32
   */
  static int[] targetSize(int h, int w, int limitSideLen, boolean limitTypeMax) {
    double ratio;
    if (limitTypeMax) {
      ratio = Math.max(h, w) > limitSideLen ? (double) limitSideLen / Math.max(h, w) : 1.0;
    } else {
      ratio = Math.min(h, w) < limitSideLen ? (double) limitSideLen / Math.min(h, w) : 1.0;
    }
    int rh = (int) (h * ratio);
    int rw = (int) (w * ratio);
    if (Math.max(rh, rw) > MAX_SIDE_LIMIT) {
      double r2 = (double) MAX_SIDE_LIMIT / Math.max(rh, rw);
      rh = (int) (rh * r2);
      rw = (int) (rw * r2);
    }
    // Python's round() rounds half to even, as Math.rint does
    rh = Math.max((int) Math.rint(rh / 32.0) * 32, 32);
    rw = Math.max((int) Math.rint(rw / 32.0) * 32, 32);
    return new int[] {rh, rw};
  }

  /** The normalized CHW tensor (shape 1x3xHxW) for {@code image}. */
  static FloatTensor tensor(BgrImage image, PpOcrSettings s) {
    BgrImage img = image;
    if (img.height() + img.width() < 64) {
      img = ImageOps.padTo32(img); // DetResizeForTest.image_padding
    }
    int[] size = targetSize(img.height(), img.width(), s.limitSideLen(), s.limitTypeMax());
    BgrImage r = ImageOps.resizeLinear(img, size[1], size[0]);
    return new FloatTensor(normalize(r), new long[] {1, 3, r.height(), r.width()});
  }

  /** NormalizeImage + ToCHWImage: {@code (px * float32(1/255) - mean[c]) / std[c]}, planes B, G, R. */
  static float[] normalize(BgrImage r) {
    int hw = r.width() * r.height();
    float[] out = new float[3 * hw];
    float scale = 1f / 255f;
    byte[] px = r.raw();
    for (int i = 0; i < hw; i++) {
      for (int c = 0; c < 3; c++) {
        out[c * hw + i] = ((px[i * 3 + c] & 0xff) * scale - MEAN[c]) / STD[c];
      }
    }
    return out;
  }
}
