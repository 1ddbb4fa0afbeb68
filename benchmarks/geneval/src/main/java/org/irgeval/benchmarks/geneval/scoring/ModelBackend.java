package org.irgeval.benchmarks.geneval.scoring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.irgeval.api.ScoringInput;

/** Runs a {@link Detector} and an {@link ImageColorClassifier} on the image file. */
public final class ModelBackend implements Backend {
  private final Detector detector;
  private final ImageColorClassifier colors;

  public ModelBackend(Detector detector, ImageColorClassifier colors) {
    this.detector = detector;
    this.colors = colors;
  }

  @Override
  public Observation observe(ScoringInput input) throws Exception {
    BufferedImage image = read(input);
    return new Observation(detector.detect(image), (cls, objects) -> colors.classify(image, cls, objects));
  }

  /** Reads the PNG as RGB (evaluate_images.py l.83 {@code image.convert("RGB")}). */
  static BufferedImage read(ScoringInput input) throws IOException {
    BufferedImage img = ImageIO.read(input.image().toFile());
    if (img == null) {
      throw new IOException(input.image() + ": not a readable image");
    }
    if (img.getType() == BufferedImage.TYPE_INT_RGB) {
      return img;
    }
    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    // Alpha is dropped, not composited: PIL's convert("RGB") discards it the same way.
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        rgb.setRGB(x, y, img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return rgb;
  }

  @Override
  public String fingerprint() {
    return "detector{" + detector.fingerprint() + "}colors{" + colors.fingerprint() + "}";
  }

  @Override
  public void close() {
    try {
      detector.close();
    } finally {
      colors.close();
    }
  }
}
