package org.irgeval.scoring.ocr;

/**
 * The few OpenCV image operations PaddleOCR's inference code calls, re-implemented for 8-bit BGR images:
 * {@code cv2.resize} (INTER_LINEAR), {@code cv2.warpPerspective} (INTER_CUBIC, BORDER_REPLICATE),
 * {@code np.rot90} and {@code cv2.rotate(img, ROTATE_180)}. They follow OpenCV's float formulas (pixel-centre
 * alignment, Keys cubic with A = -0.75) and round to uint8 like OpenCV's saturate_cast; OpenCV's fixed-point
 * intermediates can differ from these by one grey level (docs/ocr.md, "Deviations").
 */
final class ImageOps {
  /** OpenCV's cubic-convolution parameter (imgproc/src/imgwarp.cpp, interpolateCubic). */
  private static final float CUBIC_A = -0.75f;

  private ImageOps() {}

  /**
   * {@code cv2.resize(img, (dstW, dstH))} with the default INTER_LINEAR: source coordinate
   * {@code (d + 0.5) * scale - 0.5}, clamped at the borders as OpenCV's resizeLinear does.
   */
  static BgrImage resizeLinear(BgrImage src, int dstW, int dstH) {
    if (dstW == src.width() && dstH == src.height()) {
      return src;
    }
    int[] x0 = new int[dstW];
    float[] fx = new float[dstW];
    axis(src.width(), dstW, x0, fx);
    int[] y0 = new int[dstH];
    float[] fy = new float[dstH];
    axis(src.height(), dstH, y0, fy);
    byte[] in = src.raw();
    byte[] out = new byte[dstW * dstH * 3];
    int sw = src.width();
    for (int y = 0; y < dstH; y++) {
      int ya = y0[y];
      int yb = Math.min(ya + 1, src.height() - 1);
      float wy = fy[y];
      for (int x = 0; x < dstW; x++) {
        int xa = x0[x];
        int xb = Math.min(xa + 1, sw - 1);
        float wx = fx[x];
        for (int c = 0; c < 3; c++) {
          float top = (in[(ya * sw + xa) * 3 + c] & 0xff) * (1 - wx) + (in[(ya * sw + xb) * 3 + c] & 0xff) * wx;
          float bot = (in[(yb * sw + xa) * 3 + c] & 0xff) * (1 - wx) + (in[(yb * sw + xb) * 3 + c] & 0xff) * wx;
          out[(y * dstW + x) * 3 + c] = saturate(top * (1 - wy) + bot * wy);
        }
      }
    }
    return new BgrImage(dstW, dstH, out);
  }

  /** One axis of OpenCV's resizeLinear table: left source index and weight of the right neighbour. */
  private static void axis(int srcLen, int dstLen, int[] idx, float[] frac) {
    double scale = (double) srcLen / dstLen;
    for (int d = 0; d < dstLen; d++) {
      float f = (float) ((d + 0.5) * scale - 0.5);
      int s = (int) Math.floor(f);
      f -= s;
      if (s < 0) {
        f = 0;
        s = 0;
      }
      if (s >= srcLen - 1) {
        f = 0;
        s = srcLen - 1;
      }
      idx[d] = s;
      frac[d] = f;
    }
  }

  /**
   * {@code cv2.warpPerspective(img, M, (w, h), flags=INTER_CUBIC, borderMode=BORDER_REPLICATE)} where
   * {@code inverse} maps destination (x, y) to source coordinates (OpenCV inverts M itself).
   *
   * @param inverse 3x3 row-major homography destination -> source
   */
  static BgrImage warpPerspectiveCubic(BgrImage src, double[] inverse, int w, int h) {
    byte[] out = new byte[w * h * 3];
    float[] cx = new float[4];
    float[] cy = new float[4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double den = inverse[6] * x + inverse[7] * y + inverse[8];
        double sx = (inverse[0] * x + inverse[1] * y + inverse[2]) / den;
        double sy = (inverse[3] * x + inverse[4] * y + inverse[5]) / den;
        int ix = (int) Math.floor(sx);
        int iy = (int) Math.floor(sy);
        cubicCoeffs((float) (sx - ix), cx);
        cubicCoeffs((float) (sy - iy), cy);
        for (int c = 0; c < 3; c++) {
          float acc = 0;
          for (int j = 0; j < 4; j++) {
            int yy = clamp(iy - 1 + j, src.height() - 1);
            float row = 0;
            for (int i = 0; i < 4; i++) {
              row += cx[i] * src.at(clamp(ix - 1 + i, src.width() - 1), yy, c);
            }
            acc += cy[j] * row;
          }
          out[(y * w + x) * 3 + c] = saturate(acc);
        }
      }
    }
    return new BgrImage(w, h, out);
  }

  /** OpenCV's interpolateCubic weights for the 4 taps at offsets -1, 0, 1, 2 from floor(x). */
  static void cubicCoeffs(float x, float[] k) {
    float a = CUBIC_A;
    k[0] = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a;
    k[1] = ((a + 2) * x - (a + 3)) * x * x + 1;
    k[2] = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1;
    k[3] = 1.f - k[0] - k[1] - k[2];
  }

  /** {@code np.rot90(img)}: a quarter turn counter-clockwise; out[i][j] = in[j][W-1-i]. */
  static BgrImage rot90(BgrImage src) {
    int w = src.width();
    int h = src.height();
    byte[] in = src.raw();
    byte[] out = new byte[w * h * 3];
    // new image is h wide and w tall
    for (int i = 0; i < w; i++) {
      for (int j = 0; j < h; j++) {
        System.arraycopy(in, (j * w + (w - 1 - i)) * 3, out, (i * h + j) * 3, 3);
      }
    }
    return new BgrImage(h, w, out);
  }

  /** {@code cv2.rotate(img, cv2.ROTATE_180)} (predict_cls.py turns crops classified as '180'). */
  static BgrImage rot180(BgrImage src) {
    byte[] in = src.raw();
    int n = src.width() * src.height();
    byte[] out = new byte[in.length];
    for (int p = 0; p < n; p++) {
      System.arraycopy(in, p * 3, out, (n - 1 - p) * 3, 3);
    }
    return new BgrImage(src.width(), src.height(), out);
  }

  /**
   * Zero (black) padding to at least 32x32, as DetResizeForTest.image_padding does for images with h + w < 64.
   */
  static BgrImage padTo32(BgrImage src) {
    int w = Math.max(32, src.width());
    int h = Math.max(32, src.height());
    byte[] out = new byte[w * h * 3];
    for (int y = 0; y < src.height(); y++) {
      System.arraycopy(src.raw(), y * src.width() * 3, out, y * w * 3, src.width() * 3);
    }
    return new BgrImage(w, h, out);
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }

  private static byte saturate(float v) {
    int r = Math.round(v);
    return (byte) (r < 0 ? 0 : Math.min(r, 255));
  }
}
