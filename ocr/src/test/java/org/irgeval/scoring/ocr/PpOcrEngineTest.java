package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The PP-OCR pipeline end to end on Java2D-rendered text (needs the real model files; see OcrTestModels). */
class PpOcrEngineTest {
  private static PpOcrEngine engine;

  /** Opened on first use, so without models each test is reported as skipped (not the class as a whole). */
  private static synchronized PpOcrEngine engine() throws IOException {
    if (engine == null) {
      engine = PpOcrEngine.open(OcrTestModels.files(), PpOcrSettings.defaults());
    }
    return engine;
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  /** White canvas with black anti-aliased sans-serif lines at the given baselines. */
  static BufferedImage render(int w, int h, int size, Object... textXY) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    for (int i = 0; i < textXY.length; i += 3) {
      g.drawString((String) textXY[i], (Integer) textXY[i + 1], (Integer) textXY[i + 2]);
    }
    g.dispose();
    return img;
  }

  private static List<String> texts(List<OcrLine> lines) {
    return lines.stream().map(OcrLine::text).toList();
  }

  @Test
  void readsTwoRenderedLinesExactlyInReadingOrder() throws Exception {
    // the second line is drawn first and further left, so reading order is not drawing order. 56 px: at smaller
    // sizes the Chinese PP-OCRv4 recognizer reads tight English crops without the inter-word spaces
    // ("HelloWorld2024"), see docs/ocr.md
    BufferedImage img = render(800, 400, 56, "GenEval 7 red cars", 40, 300, "Hello World 2024", 200, 120);
    List<OcrLine> lines = engine().read(img);
    assertEquals(List.of("Hello World 2024", "GenEval 7 red cars"), texts(lines), lines.toString());
    OcrLine first = lines.get(0);
    assertTrue(first.confidence() > 0.9, first.toString());
    assertTrue(first.x() >= 190 && first.x() <= 210 && first.y() >= 70 && first.y() <= 90, first.toString());
    assertTrue(lines.get(1).y() > first.y() + first.h(), lines.toString());
  }

  @Test
  void sameLineWordsComeLeftToRight() throws Exception {
    BufferedImage img = render(800, 200, 40, "RIGHT", 520, 110, "LEFT", 60, 104);
    assertEquals(List.of("LEFT", "RIGHT"), texts(engine().read(img)));
  }

  @Test
  void blankImageHasNoLines() throws Exception {
    assertEquals(List.of(), engine().read(render(512, 512, 30)));
  }

  @Test
  void tallVerticalCropIsTurnedAndRead() throws Exception {
    // a line rendered then rotated a quarter turn clockwise: its crop is tall, get_rotate_crop_image turns it
    // back counter-clockwise, upright again
    BufferedImage line = render(420, 70, 40, "STOP 42", 20, 52);
    BufferedImage img = new BufferedImage(200, 520, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 520);
    g.translate(135, 50);
    g.rotate(Math.PI / 2);
    g.drawImage(line, 0, 0, null);
    g.dispose();
    assertEquals(List.of("STOP 42"), texts(engine().read(img)));
  }

  @Test
  void angleClassifierTurnsAnUpsideDownLine() throws Exception {
    BufferedImage line = render(480, 100, 48, "OPEN 24", 30, 70);
    BufferedImage img = new BufferedImage(480, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.rotate(Math.PI, 240, 50);
    g.drawImage(line, 0, 0, null);
    g.dispose();
    try (PpOcrEngine withCls = PpOcrEngine.open(OcrTestModels.files(), PpOcrSettings.defaults().withAngleCls(true))) {
      assertEquals(List.of("OPEN 24"), texts(withCls.read(img)));
      assertTrue(withCls.fingerprint().contains("useAngleCls=true"), withCls.fingerprint());
    }
  }

  @Test
  void pngBytesAndConcurrentCallsGiveTheSameLines() throws Exception {
    BufferedImage img = render(480, 160, 32, "Thread-safe:123", 30, 90);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    List<OcrLine> expected = engine().read(png.toByteArray());
    assertEquals(List.of("Thread-safe:123"), texts(expected));
    PpOcrEngine shared = engine();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<OcrLine>>> fs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        fs.add(pool.submit(() -> shared.read(img)));
      }
      for (Future<List<OcrLine>> f : fs) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fingerprintNamesModelHashesAndSettings() throws IOException {
    String fp = engine().fingerprint();
    for (ModelPackage.PackagedFile f : ModelPackage.PP_OCR_V4.files()) {
      assertTrue(fp.contains(f.sha256()), fp);
    }
    assertTrue(fp.contains("boxThresh=0.6") && fp.contains("unclipRatio=1.5"), fp);
  }
}
