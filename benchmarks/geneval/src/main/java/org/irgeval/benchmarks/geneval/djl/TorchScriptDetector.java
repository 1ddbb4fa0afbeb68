package org.irgeval.benchmarks.geneval.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.ObjectMask;
import org.irgeval.benchmarks.geneval.scoring.Detector;
import org.irgeval.scoring.djl.TorchScriptFile;

/**
 * A detector exported to TorchScript with the contract of docs/geneval.md ("Detector export contract"; the
 * Mask2Former export is tools/export_mask2former.py, checked against the official mmdet inference by
 * RealArchitectureCheckTest):
 * <ul>
 *   <li>input: one float32 tensor (1, 3, H, W), RGB, 0..255, the image as stored (the export does mmdet's
 *       resize, normalisation and padding itself, so they stay exactly the official ones);</li>
 *   <li>output: a tuple (boxes (N,4) float32 x1,y1,x2,y2 in image pixels with exclusive x2/y2, scores (N)
 *       float32, labels (N) int64 class indices of object_names.txt, masks (N,H,W) bool/uint8/float at the
 *       image size, true where > 0.5): {@code inference_detector}'s per-class lists flattened, regrouped per class
 *       here in the module's order.</li>
 * </ul>
 * An export may accept only the image sizes it was traced for; its refusal (an engine error whose message names
 * the size and the traced ones) is the image's failure.
 */
public final class TorchScriptDetector implements Detector {
  private final TorchScriptFile model;
  private final int classes;

  public TorchScriptDetector(Path file, Device device, int classes) throws Exception {
    this.model = TorchScriptFile.load("detector", file, device);
    this.classes = classes;
  }

  @Override
  public List<List<Detection>> detect(BufferedImage image) throws Exception {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] chw = new float[3 * w * h];
    int n = w * h;
    for (int i = 0; i < n; i++) {
      chw[i] = (rgb[i] >> 16) & 255;
      chw[n + i] = (rgb[i] >> 8) & 255;
      chw[2 * n + i] = rgb[i] & 255;
    }
    List<List<Detection>> out = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      out.add(new ArrayList<>());
    }
    try (NDManager m = model.manager().newSubManager()) {
      NDList result = model.predict(new NDList(m.create(chw, new Shape(1, 3, h, w))));
      if (result.size() < 4) {
        throw new IllegalStateException("detector export must return (boxes, scores, labels, masks), got "
            + result.size() + " outputs");
      }
      float[] boxes = result.get(0).toType(DataType.FLOAT32, false).toFloatArray();
      float[] scores = result.get(1).toType(DataType.FLOAT32, false).toFloatArray();
      long[] labels = result.get(2).toType(DataType.INT64, false).toLongArray();
      NDArray masks = result.get(3);
      long[] ms = masks.getShape().getShape();
      if (scores.length > 0 && (ms.length != 3 || ms[1] != h || ms[2] != w)) {
        throw new IllegalStateException("detector masks must be (N," + h + "," + w + "), got "
            + Arrays.toString(ms));
      }
      boolean[] bits = masks.toType(DataType.FLOAT32, false).gt(0.5f).toBooleanArray();
      for (int k = 0; k < scores.length; k++) {
        int label = (int) labels[k];
        if (label < 0 || label >= classes) {
          throw new IllegalStateException("detector label " + label + " outside 0.." + (classes - 1));
        }
        boolean[] mask = Arrays.copyOfRange(bits, k * n, (k + 1) * n);
        out.get(label).add(new Detection(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3],
            scores[k], new ObjectMask(w, h, mask)));
      }
    }
    return out;
  }

  @Override
  public String fingerprint() {
    return "torchscript-detector " + model.fingerprint();
  }

  @Override
  public void close() {
    model.close();
  }
}
