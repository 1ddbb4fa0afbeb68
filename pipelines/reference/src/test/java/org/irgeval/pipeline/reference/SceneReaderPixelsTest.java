package org.irgeval.pipeline.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The reader's direct pixel read gives exactly {@code getRGB}'s colours for every layout it reads directly. */
class SceneReaderPixelsTest {
  private static int[] viaGetRgb(BufferedImage img) {
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    for (int i = 0; i < px.length; i++) {
      px[i] &= 0xFFFFFF;
    }
    return px;
  }

  private static BufferedImage random(int type, long seed) {
    BufferedImage img = new BufferedImage(37, 23, type);
    Random rnd = new Random(seed);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rnd.nextInt());
      }
    }
    return img;
  }

  @Test
  void everyLayoutReadsAsGetRgbDoes() throws Exception {
    int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_565_RGB};
    for (int t : types) {
      BufferedImage img = random(t, t);
      assertArrayEquals(viaGetRgb(img), SceneReader.rgb(img), "type " + t);
      // a sub-image shares its parent's buffer at an offset: read through getRGB, still the same colours
      BufferedImage sub = img.getSubimage(3, 2, 20, 15);
      assertArrayEquals(viaGetRgb(sub), SceneReader.rgb(sub), "sub-image of type " + t);
    }
  }

  @Test
  void decodedPngsReadAsGetRgbDoes() throws Exception {
    for (int t : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(random(t, 7), "png", png);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      assertArrayEquals(viaGetRgb(decoded), SceneReader.rgb(decoded), "decoded type " + decoded.getType());
    }
  }
}
