package org.irgeval.benchmarks.oneig;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.irgeval.scoring.djl.TorchScriptFile;

/**
 * One TorchScript embedding export ({@link TorchScriptFile}, loaded on DJL's PyTorch engine): the export contract
 * of benchmarks/oneig/tools/ is input (B, 3, S, S) float32 = {@link OneIgPreprocess#tensor}, output (B, D) float
 * embeddings (any float dtype; read as float32).
 */
final class OneIgTorchScript implements AutoCloseable {
  private final String what;
  private final TorchScriptFile file;

  /** @param file the loaded export; owned: closed with this */
  OneIgTorchScript(String what, TorchScriptFile file) {
    this.what = what;
    this.file = file;
  }

  /** Loads {@code path} (tests and checks). */
  OneIgTorchScript(String what, Path path, Device device) throws IOException, MalformedModelException {
    this(what, TorchScriptFile.load(what, path, device));
  }

  /** The embedding of one pre-processed image. */
  float[] embed(float[] chw, int size) throws Exception {
    try (NDManager m = file.manager().newSubManager()) {
      NDList out = file.predict(new NDList(m.create(chw, new Shape(1, 3, size, size))));
      long[] shape = out.get(0).getShape().getShape();
      if (shape.length != 2 || shape[0] != 1 || shape[1] < 1) {
        throw new IllegalStateException(what + " export " + file.path().getFileName() + " returned "
            + Arrays.toString(shape) + ", expected [1, D] (see docs/oneig.md, the export contract)");
      }
      return out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
    }
  }

  /** What and file name and content hash: a re-exported model changes the fingerprint. */
  String fingerprint() {
    return what + "=" + file.fingerprint();
  }

  @Override
  public void close() {
    file.close();
  }
}
