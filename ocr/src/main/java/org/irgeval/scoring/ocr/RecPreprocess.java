package org.irgeval.scoring.ocr;

import java.util.List;

/**
 * The recognizer's and the angle classifier's input: TextRecognizer.resize_norm_img (tools/infer/predict_rec.py)
 * and TextClassifier.resize_norm_img (tools/infer/predict_cls.py). The crop is resized to the model height
 * keeping its aspect ratio (capped at the batch width), scaled to [-1, 1] by {@code (x / 255 - 0.5) / 0.5}, and
 * padded with zeros on the right.
 */
final class RecPreprocess {
  private RecPreprocess() {}

  /**
   * The recognizer batch width: {@code int(imgH * max_wh_ratio)} where max_wh_ratio starts at
   * {@code imgW / imgH} and grows to the widest crop of the batch (TextRecognizer.__call__).
   */
  static int recBatchWidth(List<BgrImage> batch, int imgH, int imgW) {
    double maxRatio = (double) imgW / imgH;
    for (BgrImage img : batch) {
      maxRatio = Math.max(maxRatio, img.width() * 1.0 / img.height());
    }
    return (int) (imgH * maxRatio);
  }

  /**
   * The batch tensor (N x 3 x imgH x batchW), each crop normalized into its slot.
   *
   * @param batchW the padded width every crop gets
   */
  static FloatTensor batch(List<BgrImage> crops, int imgH, int batchW) {
    int plane = imgH * batchW;
    float[] data = new float[crops.size() * 3 * plane];
    for (int n = 0; n < crops.size(); n++) {
      normalizeInto(crops.get(n), imgH, batchW, data, n * 3 * plane);
    }
    return new FloatTensor(data, new long[] {crops.size(), 3, imgH, batchW});
  }

  /** The width a crop is resized to: {@code ceil(imgH * w / h)}, capped at {@code imgW}. */
  static int resizedWidth(int h, int w, int imgH, int imgW) {
    double ratio = w / (double) h;
    int r = (int) Math.ceil(imgH * ratio);
    return Math.min(r, imgW);
  }

  private static void normalizeInto(BgrImage img, int imgH, int imgW, float[] out, int offset) {
    int rw = resizedWidth(img.height(), img.width(), imgH, imgW);
    BgrImage r = ImageOps.resizeLinear(img, rw, imgH);
    int plane = imgH * imgW;
    for (int y = 0; y < imgH; y++) {
      for (int x = 0; x < rw; x++) {
        for (int c = 0; c < 3; c++) {
          out[offset + c * plane + y * imgW + x] = (r.at(x, y, c) / 255f - 0.5f) / 0.5f;
        }
      }
    }
  }
}
