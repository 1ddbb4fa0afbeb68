package org.irgeval.benchmarks.genaibench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import org.irgeval.scoring.djl.TorchScriptFile;

/**
 * The TorchScript export of tools/export_clip_flant5.py ({@link TorchScriptFile}, loaded on DJL's PyTorch engine).
 * Contract:
 * {@code forward(pre_ids int64[1,P], post_ids int64[1,Q], pixel_values float32[1,3,336,336], labels int64[1,T])
 * -> logits float32[1,T,V]}: the export embeds both chunks, puts the projected CLIP patch features between them
 * (what {@code prepare_inputs_labels_for_multimodal} does at the image token), and runs the T5 encoder-decoder
 * teacher-forced on {@code labels} (decoder input = labels shifted right with the pad id). DJL predictors are not
 * thread-safe, so calls are serialised (the scorer's concurrency is 1).
 */
public final class ClipFlanT5Model implements AutoCloseable {
  private final TorchScriptFile file;

  /** @param file the loaded export; owned: closed with this model */
  public ClipFlanT5Model(TorchScriptFile file) {
    this.file = file;
  }

  /** Logits [T][V] of the label positions. */
  public synchronized float[][] logits(ClipT5Prompt.Tokens tokens, float[] pixelValues) throws TranslateException {
    int s = ClipT5Preprocess.SIZE;
    try (NDManager m = file.manager().newSubManager()) {
      NDList in = new NDList(
          m.create(tokens.pre(), new Shape(1, tokens.pre().length)),
          m.create(tokens.post(), new Shape(1, tokens.post().length)),
          m.create(pixelValues, new Shape(1, 3, s, s)),
          m.create(tokens.labels(), new Shape(1, tokens.labels().length)));
      NDArray out = file.predict(in).get(0);
      long[] shape = out.getShape().getShape();
      if (shape.length != 3 || shape[0] != 1 || shape[1] != tokens.labels().length) {
        throw new TranslateException("the export returned logits of shape " + out.getShape() + ", expected (1, "
            + tokens.labels().length + ", vocab)");
      }
      float[] flat = out.toType(DataType.FLOAT32, false).toFloatArray();
      int v = (int) shape[2];
      float[][] logits = new float[(int) shape[1]][v];
      for (int t = 0; t < logits.length; t++) {
        System.arraycopy(flat, t * v, logits[t], 0, v);
      }
      return logits;
    }
  }

  /**
   * clip_t5_model.py l.282-284: {@code exp(-CrossEntropyLoss(reduction='mean')(logits, labels))}, the mean over the
   * label positions (none is IGNORE_INDEX for one prompt), i.e. the geometric mean of P(▁Yes) and P(</s> | ▁Yes).
   */
  public static double vqaScore(float[][] logits, long[] labels) {
    if (logits.length != labels.length || labels.length == 0) {
      throw new IllegalArgumentException(logits.length + " logit rows for " + labels.length + " labels");
    }
    double nll = 0;
    for (int t = 0; t < labels.length; t++) {
      nll -= logProb(logits[t], (int) labels[t]);
    }
    return Math.exp(-nll / labels.length);
  }

  /** log softmax(row)[k], with the max subtracted. */
  static double logProb(float[] row, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (float f : row) {
      max = Math.max(max, f);
    }
    double sum = 0;
    for (float f : row) {
      sum += Math.exp(f - max);
    }
    return row[k] - max - Math.log(sum);
  }

  /** File name and content hash: a re-exported model changes the fingerprint. */
  public String fingerprint() {
    return file.fingerprint();
  }

  @Override
  public void close() {
    file.close();
  }
}
