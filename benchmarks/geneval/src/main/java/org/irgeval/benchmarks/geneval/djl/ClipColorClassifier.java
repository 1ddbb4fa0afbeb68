package org.irgeval.benchmarks.geneval.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.irgeval.scoring.djl.TorchScriptFile;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.GenEvalColors;
import org.irgeval.benchmarks.geneval.scoring.ImageColorClassifier;
import org.irgeval.benchmarks.geneval.scoring.MissingObservationException;

/**
 * The official colour classification (evaluate_images.py {@code color_classification} l.109-127): the masked
 * crop of each object ({@link OfficialCrop}) through a TorchScript export of the CLIP image tower
 * ((B,3,224,224) -> (B,D) image features), then {@code argmax(100 * normalize(f) @ W)} with the precomputed
 * text classifier W of the object's class ({@link TextClassifiers}). The official runs under fp16 autocast on
 * CUDA; an fp32 CPU run can differ on near-ties (documented).
 */
public final class ClipColorClassifier implements ImageColorClassifier {
  private final TorchScriptFile tower;
  private final TextClassifiers text;

  public ClipColorClassifier(Path imageTower, Path textClassifiers, Device device) throws Exception {
    this.text = TextClassifiers.read(textClassifiers);
    this.tower = TorchScriptFile.load("CLIP image tower", imageTower, device);
  }

  @Override
  public List<String> classify(BufferedImage image, String className, List<Detection> objects) throws Exception {
    double[][] logits = logits(image, className, objects);
    List<String> colors = new ArrayList<>(logits.length);
    for (double[] row : logits) {
      colors.add(GenEvalColors.NAMES.get(argmax(row)));
    }
    return colors;
  }

  /**
   * The official {@code run_classification} logits (clip_benchmark 1.4.0 zeroshot_classification.py l.81-117):
   * one row per object, {@code 100 * normalize(f) . w[c]} for the 10 colours in GenEval's order. The real-
   * architecture check (docs/geneval.md) compares these numbers with the official function's.
   */
  public double[][] logits(BufferedImage image, String className, List<Detection> objects) throws Exception {
    float[][] w = text.of(className);
    if (w == null) {
      throw new MissingObservationException("the CLIP text classifier file has no entry for class '" + className
          + "'");
    }
    int n = objects.size();
    int px = 3 * OfficialCrop.SIZE * OfficialCrop.SIZE;
    float[] batch = new float[n * px];
    for (int i = 0; i < n; i++) {
      System.arraycopy(OfficialCrop.tensor(image, objects.get(i)), 0, batch, i * px, px);
    }
    float[] feats;
    long[] shape;
    try (NDManager m = tower.manager().newSubManager()) {
      NDList out = tower.predict(new NDList(m.create(batch, new Shape(n, 3, OfficialCrop.SIZE, OfficialCrop.SIZE))));
      shape = out.get(0).getShape().getShape();
      feats = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
    }
    int d = text.dim();
    if (shape.length != 2 || shape[0] != n || shape[1] != d) {
      throw new IllegalStateException("CLIP image tower returned " + Arrays.toString(shape)
          + ", expected [" + n + ", " + d + "]");
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = logits(feats, i * d, d, w);
    }
    return out;
  }

  /** 100 * normalize(f) . w[c] for each colour c. */
  static double[] logits(float[] f, int off, int d, float[][] w) {
    double norm = 0;
    for (int k = 0; k < d; k++) {
      norm += (double) f[off + k] * f[off + k];
    }
    norm = Math.sqrt(norm);
    double[] out = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      double s = 0;
      for (int k = 0; k < d; k++) {
        s += f[off + k] / norm * w[c][k];
      }
      out[c] = 100 * s; // logit scale of run_classification; does not change the argmax
    }
    return out;
  }

  /** The first maximum wins, like torch.argmax. */
  static int argmax(double[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public String fingerprint() {
    return "clip-image-tower " + tower.fingerprint() + " " + text.fingerprint() + " crop{bg=#999,bicubic,224}";
  }

  @Override
  public void close() {
    tower.close();
  }
}
