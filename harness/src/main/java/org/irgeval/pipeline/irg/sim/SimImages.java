package org.irgeval.pipeline.irg.sim;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The simulator's pictures: a few coloured blocks whose layout depends only on (seed, turn), so the same
 * sample gets the same bytes on every endpoint. They show plumbing, never a model.
 */
final class SimImages {
  private SimImages() {}

  static byte[] png(long seed, int turn, int size) {
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + turn);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(rng.nextInt(0x1000000)));
      g.fillRect(0, 0, size, size);
      for (int i = 0; i < 3 + turn; i++) {
        g.setColor(new Color(rng.nextInt(0x1000000)));
        int w = 1 + rng.nextInt(size / 2);
        int h = 1 + rng.nextInt(size / 2);
        g.fillRect(rng.nextInt(size - w + 1), rng.nextInt(size - h + 1), w, h);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
