package org.irgeval.scoring.ocr;

import java.awt.image.BufferedImage;

/**
 * An 8-bit, 3-channel image in OpenCV's interleaved BGR layout, the layout PaddleOCR's models were trained on
 * ({@code cv2.imread} gives BGR; tools/infer/predict_system.py feeds it unchanged to det, cls and rec).
 * Immutable by convention: operations return new images.
 */
public final class BgrImage {
  private final int width;
  private final int height;
  private final byte[] bgr;

  /**
   * @param width  columns
   * @param height rows
   * @param bgr    {@code height * width * 3} bytes, row-major, B,G,R per pixel (taken, not copied)
   */
  public BgrImage(int width, int height, byte[] bgr) {
    if (width <= 0 || height <= 0 || bgr.length != width * height * 3) {
      throw new IllegalArgumentException("bad image size " + width + "x" + height + " for " + bgr.length + " bytes");
    }
    this.width = width;
    this.height = height;
    this.bgr = bgr;
  }

  /** The RGB pixels of {@code image} as BGR; alpha is dropped (as {@code cv2.imread(IMREAD_COLOR)} does). */
  public static BgrImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] out = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      out[3 * i] = (byte) p;
      out[3 * i + 1] = (byte) (p >> 8);
      out[3 * i + 2] = (byte) (p >> 16);
    }
    return new BgrImage(w, h, out);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Channel {@code c} (0 = B, 1 = G, 2 = R) of pixel (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return bgr[(y * width + x) * 3 + c] & 0xff;
  }

  /** The backing bytes (not a copy; do not modify). */
  byte[] raw() {
    return bgr;
  }
}
