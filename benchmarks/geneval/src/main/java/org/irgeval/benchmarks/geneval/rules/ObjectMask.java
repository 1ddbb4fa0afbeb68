package org.irgeval.benchmarks.geneval.rules;

/**
 * An instance mask over the whole image, row-major, like mmdet's {@code segm_results[c][k]} (a bool H x W array
 * at the original resolution). The rules never read it; only the colour classifier does (the #999 composite).
 *
 * @param width  image width
 * @param height image height
 * @param bits   {@code width*height} entries, true where the object is
 */
public record ObjectMask(int width, int height, boolean[] bits) {
  public ObjectMask {
    if (bits.length != width * height) {
      throw new IllegalArgumentException("mask has " + bits.length + " entries, expected " + width + "x" + height);
    }
  }

  public boolean at(int x, int y) {
    return bits[y * width + x];
  }
}
