package org.irgeval.benchmarks.geneval.scoring;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.ObjectMask;
import org.irgeval.pipeline.reference.SceneReader;
import org.irgeval.pipeline.reference.SeenObject;

/**
 * The plumbing "detector": reads back what the CPU reference renderer drew ({@link SceneReader}). The class
 * code painted in each object's marker is the object_names.txt index the loader put in the scene hints, so
 * codes map straight to class indices. Meaningless on any other image.
 */
public final class ReferenceDetector implements Detector {
  private final int classes;

  /** @param classes number of classes (codes at or above it are ignored) */
  public ReferenceDetector(int classes) {
    this.classes = classes;
  }

  @Override
  public List<List<Detection>> detect(BufferedImage image) {
    List<List<Detection>> out = new ArrayList<>(classes);
    for (int i = 0; i < classes; i++) {
      out.add(new ArrayList<>());
    }
    for (SeenObject o : new SceneReader().read(image)) {
      if (o.code() < classes) {
        out.get(o.code()).add(new Detection(o.x1(), o.y1(), o.x2(), o.y2(), (float) o.score(),
            new ObjectMask(image.getWidth(), image.getHeight(), o.mask())));
      }
    }
    return out;
  }

  @Override
  public String fingerprint() {
    return "reference-scene-reader";
  }
}
