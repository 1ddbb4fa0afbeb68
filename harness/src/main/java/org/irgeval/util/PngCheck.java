package org.irgeval.util;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A generator's PNG, fully decoded before it is stored: a truncated file with a valid signature and header would
 * otherwise be stored as a success and fail every scoring of every later run.
 */
public final class PngCheck {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngCheck() {}

  /** @throws IOException naming what is wrong when the bytes are not a complete, decodable PNG */
  public static BufferedImage decode(byte[] png) throws IOException {
    if (png == null || png.length < SIGNATURE.length) {
      throw new IOException("not a PNG: " + (png == null ? 0 : png.length) + " bytes");
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (png[i] != SIGNATURE[i]) {
        throw new IOException("not a PNG (bad signature)");
      }
    }
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException | RuntimeException e) {
      throw new IOException("a PNG that does not decode (" + e.getMessage() + ")", e);
    }
    if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
      throw new IOException("a PNG that does not decode to an image");
    }
    return img;
  }
}
