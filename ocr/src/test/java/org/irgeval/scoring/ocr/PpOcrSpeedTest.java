package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * det + rec time on a 1024 x 1024 image with four lines (docs/ocr.md quotes the printed figure); also checks the
 * lines are read in order at that size.
 */
@SystemTest
class PpOcrSpeedTest {
  @Test
  void readsA1024SquareImageAndReportsMillisecondsPerImage() throws Exception {
    BufferedImage img = PpOcrEngineTest.render(1024, 1024, 56, "A red apple", 80, 150, "STOP 42", 600, 400,
        "OPEN DAILY", 100, 650, "GenEval 2024", 300, 900);
    try (PpOcrEngine e = PpOcrEngine.open(OcrTestModels.files(), PpOcrSettings.defaults())) {
      List<String> expected = List.of("A red apple", "STOP 42", "OPEN DAILY", "GenEval 2024");
      assertEquals(expected, e.read(img).stream().map(OcrLine::text).toList()); // also the warm-up
      int n = 3;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        e.read(img);
      }
      double ms = (System.nanoTime() - t0) / 1e6 / n;
      System.err.printf("[irg-eval tests] PP-OCR det+rec, 1024x1024, 4 lines: %.0f ms/image (%d cores)%n", ms,
          Runtime.getRuntime().availableProcessors());
    }
  }
}
