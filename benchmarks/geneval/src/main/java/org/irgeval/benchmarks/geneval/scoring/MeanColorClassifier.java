package org.irgeval.benchmarks.geneval.scoring;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.ObjectMask;
import org.irgeval.pipeline.reference.ReferencePalette;

/**
 * The plumbing colour classifier: the mean colour of the object's mask pixels inside its box, named by the
 * nearest reference-palette colour (squared RGB distance, ties to the earlier name in GenEval's order). It
 * mirrors the official crop's region (mask inside box) but, unlike CLIP, it only knows the renderer's palette.
 */
public final class MeanColorClassifier implements ImageColorClassifier {
  @Override
  public List<String> classify(BufferedImage image, String className, List<Detection> objects) {
    List<String> out = new ArrayList<>(objects.size());
    for (Detection d : objects) {
      out.add(nearest(meanRgb(image, d)));
    }
    return out;
  }

  /** Mean RGB over the mask pixels inside the box (the whole box when there is no mask). */
  static int meanRgb(BufferedImage image, Detection d) {
    int x1 = Math.max(0, (int) Math.floor(d.x1()));
    int y1 = Math.max(0, (int) Math.floor(d.y1()));
    int x2 = Math.min(image.getWidth(), (int) Math.ceil(d.x2()));
    int y2 = Math.min(image.getHeight(), (int) Math.ceil(d.y2()));
    ObjectMask mask = d.mask();
    long r = 0;
    long g = 0;
    long b = 0;
    long n = 0;
    for (int y = y1; y < y2; y++) {
      for (int x = x1; x < x2; x++) {
        if (mask == null || mask.at(x, y)) {
          int c = image.getRGB(x, y);
          r += (c >> 16) & 255;
          g += (c >> 8) & 255;
          b += c & 255;
          n++;
        }
      }
    }
    if (n == 0) {
      return 0x999999; // an empty mask composites to the official #999 background only
    }
    return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
  }

  static String nearest(int rgb) {
    int r = (rgb >> 16) & 255;
    int g = (rgb >> 8) & 255;
    int b = rgb & 255;
    String best = null;
    long bestD = Long.MAX_VALUE;
    for (String name : ReferencePalette.names()) {
      Color c = ReferencePalette.of(name);
      long d = sq(c.getRed() - r) + sq(c.getGreen() - g) + sq(c.getBlue() - b);
      if (d < bestD) {
        bestD = d;
        best = name;
      }
    }
    return best;
  }

  private static long sq(int v) {
    return (long) v * v;
  }

  @Override
  public String fingerprint() {
    return "reference-palette-mean";
  }
}
