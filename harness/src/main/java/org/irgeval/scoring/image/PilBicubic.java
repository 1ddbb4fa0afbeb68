package org.irgeval.scoring.image;

/**
 * Pillow's {@code Image.resize(size, Image.BICUBIC)} for 8-bit RGB, which open_clip's {@code Resize(224,
 * BICUBIC)} calls (torchvision on a PIL image). A port of Pillow's {@code libImaging/Resample.c}: separable
 * convolution with the a = -0.5 cubic kernel whose support widens with the downscale factor (antialiasing),
 * coefficients normalised and quantised to 22 fractional bits, horizontal pass first, each pass rounded and
 * clipped to 0..255. Matching it keeps CLIP's input pixels identical to the official ones.
 */
public final class PilBicubic {
  /** Resample.c {@code PRECISION_BITS = 32 - 8 - 2}. */
  private static final int PRECISION_BITS = 22;
  /** Resample.c bicubic filter support. */
  private static final double SUPPORT = 2.0;

  private PilBicubic() {}

  /** Resample.c {@code bicubic_filter} with a = -0.5. */
  static double filter(double x) {
    final double a = -0.5;
    x = Math.abs(x);
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /** Coefficients of one axis: bounds[2*i] = first input index, bounds[2*i+1] = count; kk fixed-point. */
  private record Coeffs(int ksize, int[] bounds, int[] kk) {}

  private static Coeffs precompute(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = SUPPORT * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterscale;
      int xmin = (int) (center - support + 0.5); // C cast: truncation toward zero
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      double ww = 0.0;
      for (int x = 0; x < xmax; x++) {
        double w = filter((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (int x = 0; x < ksize; x++) {
        double v = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
        // normalize_coeffs_8bpc: round half away from zero
        kk[xx * ksize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return new Coeffs(ksize, bounds, kk);
  }

  private static int clip8(long in) {
    if (in >= (1L << PRECISION_BITS) << 8) {
      return 255;
    }
    if (in <= 0) {
      return 0;
    }
    return (int) (in >> PRECISION_BITS);
  }

  /**
   * Resizes packed 0xRRGGBB pixels.
   *
   * @return {@code outW*outH} packed pixels
   */
  public static int[] resize(int[] rgb, int w, int h, int outW, int outH) {
    int[] cur = rgb;
    int cw = w;
    if (outW != w) {
      Coeffs c = precompute(w, outW);
      int[] tmp = new int[outW * h];
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < outW; xx++) {
          int xmin = c.bounds[xx * 2];
          int xmax = c.bounds[xx * 2 + 1];
          long r = 1L << (PRECISION_BITS - 1);
          long g = r;
          long b = r;
          for (int x = 0; x < xmax; x++) {
            int p = cur[y * cw + x + xmin];
            long kv = c.kk[xx * c.ksize + x];
            r += ((p >> 16) & 255) * kv;
            g += ((p >> 8) & 255) * kv;
            b += (p & 255) * kv;
          }
          tmp[y * outW + xx] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
        }
      }
      cur = tmp;
      cw = outW;
    }
    if (outH != h) {
      Coeffs c = precompute(h, outH);
      int[] tmp = new int[cw * outH];
      for (int yy = 0; yy < outH; yy++) {
        int ymin = c.bounds[yy * 2];
        int ymax = c.bounds[yy * 2 + 1];
        for (int x = 0; x < cw; x++) {
          long r = 1L << (PRECISION_BITS - 1);
          long g = r;
          long b = r;
          for (int y = 0; y < ymax; y++) {
            int p = cur[(y + ymin) * cw + x];
            long kv = c.kk[yy * c.ksize + y];
            r += ((p >> 16) & 255) * kv;
            g += ((p >> 8) & 255) * kv;
            b += (p & 255) * kv;
          }
          tmp[yy * cw + x] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
        }
      }
      cur = tmp;
    }
    return cur == rgb ? rgb.clone() : cur;
  }
}
