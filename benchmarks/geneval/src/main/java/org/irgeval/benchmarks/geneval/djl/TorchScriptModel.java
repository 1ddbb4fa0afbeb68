package org.irgeval.benchmarks.geneval.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Hashing;

/**
 * One TorchScript file on DJL's PyTorch engine. DJL predictors are not thread-safe, so calls are serialised;
 * the scorer reports concurrency 1 for model back ends.
 */
final class TorchScriptModel implements AutoCloseable {
  private final Model model;
  private final Predictor<NDList, NDList> predictor;
  private final String sha256;
  private final Path path;

  TorchScriptModel(Path path, Device device) throws IOException, MalformedModelException {
    if (!Files.isRegularFile(path)) {
      throw new IOException(path + " does not exist");
    }
    this.path = path;
    this.sha256 = Hashing.sha256(path);
    this.model = Model.newInstance(path.getFileName().toString(), device, "PyTorch");
    model.load(path);
    this.predictor = model.newPredictor(new NoopTranslator());
  }

  Model model() {
    return model;
  }

  synchronized NDList predict(NDList input) throws TranslateException {
    return predictor.predict(input);
  }

  /** Path and content hash: a re-exported model changes the fingerprint. */
  String fingerprint() {
    return path.getFileName() + "@sha256:" + sha256;
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
