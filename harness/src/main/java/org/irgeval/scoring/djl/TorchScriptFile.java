package org.irgeval.scoring.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.irgeval.api.ComputeDevice;
import org.irgeval.util.Hashing;

/**
 * One TorchScript export on DJL's PyTorch engine, the one load every model back end uses: checks the file, hashes
 * it (a re-exported model changes the fingerprint), loads it and closes the native model when the load fails.
 * DJL predictors are not thread-safe, so {@link #predict} is serialised; model scorers report concurrency 1. The
 * PyTorch engine itself is a runtime dependency of the adapter that runs the export.
 */
public final class TorchScriptFile implements AutoCloseable {
  private final Path path;
  private final String sha256;
  private final Model model;
  private final Predictor<NDList, NDList> predictor;

  private TorchScriptFile(Path path, String sha256, Model model, Predictor<NDList, NDList> predictor) {
    this.path = path;
    this.sha256 = sha256;
    this.model = model;
    this.predictor = predictor;
  }

  /**
   * Loads {@code path} on {@code device}.
   *
   * @param what what the export is, for errors (e.g. "CLIP image tower")
   * @throws IOException when the file is missing or unreadable, or the engine cannot read it
   */
  public static TorchScriptFile load(String what, Path path, ComputeDevice device)
      throws IOException, MalformedModelException {
    return load(what, path, djl(device));
  }

  /** {@link #load(String, Path, ComputeDevice)} on a DJL device. */
  public static TorchScriptFile load(String what, Path path, Device device)
      throws IOException, MalformedModelException {
    return load(what, path, () -> Model.newInstance(path.getFileName().toString(), device, "PyTorch"));
  }

  /** DJL's device for the shared {@code device} option; {@code gpu} without a CUDA native or GPU is refused here. */
  public static Device djl(ComputeDevice device) {
    DjlDevices.require(device);
    return device == ComputeDevice.GPU ? Device.gpu() : Device.cpu();
  }

  /** {@link #load(String, Path, ComputeDevice)} with the model made by {@code newModel} (tests). */
  static TorchScriptFile load(String what, Path path, Supplier<Model> newModel)
      throws IOException, MalformedModelException {
    if (!Files.isRegularFile(path)) {
      throw new IOException(what + " export " + path + " does not exist");
    }
    String sha256 = Hashing.sha256(path);
    Model model = newModel.get();
    try {
      model.load(path);
      return new TorchScriptFile(path, sha256, model, model.newPredictor(new NoopTranslator()));
    } catch (IOException | MalformedModelException | RuntimeException | Error e) {
      model.close(); // the native model is allocated before load reads the file
      throw e;
    }
  }

  /** One forward pass. */
  public synchronized NDList predict(NDList input) throws TranslateException {
    return predictor.predict(input);
  }

  /** The model's manager, for the arrays of one call (make a sub-manager and close it). */
  public NDManager manager() {
    return model.getNDManager();
  }

  public Path path() {
    return path;
  }

  /** File name and content hash: a re-exported model changes the fingerprint. */
  public String fingerprint() {
    return path.getFileName() + "@sha256:" + sha256;
  }

  @Override
  public void close() {
    try {
      predictor.close();
    } finally {
      model.close();
    }
  }
}
