package org.irgeval.benchmarks.oneig;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.irgeval.util.Hashing;

/**
 * One TorchScript embedding export on DJL's PyTorch engine (as geneval's {@code TorchScriptModel}): the export contract
 * of benchmarks/oneig/tools/ is input (B, 3, S, S) float32 = {@link OneIgPreprocess#tensor}, output (B, D) float
 * embeddings (any float dtype; read as float32). DJL predictors are not thread-safe, so calls are serialised.
 */
final class OneIgTorchScript implements AutoCloseable {
  private final Model model;
  private final Predictor<NDList, NDList> predictor;
  private final String sha256;
  private final Path path;
  private final String what;

  OneIgTorchScript(String what, Path path, Device device) throws IOException, MalformedModelException {
    if (!Files.isRegularFile(path)) {
      throw new IOException(what + " export " + path + " does not exist");
    }
    this.what = what;
    this.path = path;
    this.sha256 = Hashing.sha256(path);
    this.model = Model.newInstance(path.getFileName().toString(), device, "PyTorch");
    try {
      model.load(path);
      this.predictor = model.newPredictor(new NoopTranslator());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The embedding of one pre-processed image. */
  synchronized float[] embed(float[] chw, int size) throws Exception {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList out = predictor.predict(new NDList(m.create(chw, new Shape(1, 3, size, size))));
      long[] shape = out.get(0).getShape().getShape();
      if (shape.length != 2 || shape[0] != 1 || shape[1] < 1) {
        throw new IllegalStateException(what + " export " + path.getFileName() + " returned " + Arrays.toString(shape)
            + ", expected [1, D] (see docs/oneig.md, the export contract)");
      }
      return out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
    }
  }

  /** File name and content hash: a re-exported model changes the fingerprint. */
  String fingerprint() {
    return what + "=" + path.getFileName() + "@sha256:" + sha256;
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
