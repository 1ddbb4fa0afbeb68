package org.irgeval.benchmarks.geneval.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/**
 * The wrapper that tools/export_mask2former.py writes around the traced network (mmdet's test pipeline, dispatch by
 * padded input size, {@code instance_postprocess}) runs in DJL through {@link TorchScriptDetector} as in Python.
 * The fixture (make_mask2former_fixtures.py) is that wrapper around a stand-in network traced at 800x800; the real
 * network is checked by RealArchitectureCheckTest.
 */
class Mask2FormerExportWrapperTest {
  static Path fixtures() throws Exception {
    return Path.of(Mask2FormerExportWrapperTest.class.getResource("/fixtures/m2f_fake_export.pt").toURI())
        .getParent();
  }

  @Test
  void detectionsEqualThePythonRunOfTheSameExport() throws Exception {
    Path dir = fixtures();
    JsonNode expected = Json.mapper().readTree(dir.resolve("m2f_fake_export.json").toFile());
    BufferedImage image = ImageIO.read(dir.resolve(expected.get("image").asText()).toFile());
    try (TorchScriptDetector detector = new TorchScriptDetector(dir.resolve("m2f_fake_export.pt"), Device.cpu(),
        80)) {
      for (int run = 0; run < 3; run++) { // the profiling executor optimises after its first runs
        List<List<Detection>> perClass = detector.detect(image);
        List<JsonNode> rows = new ArrayList<>();
        expected.get("rows").forEach(rows::add);
        assertEquals(rows.size(), perClass.stream().mapToInt(List::size).sum());
        for (int c = 0; c < 80; c++) {
          final int label = c;
          List<JsonNode> want = new ArrayList<>(rows.stream().filter(r -> r.get("label").asInt() == label).toList());
          List<Detection> got = new ArrayList<>(perClass.get(c));
          assertEquals(want.size(), got.size(), "class " + c);
          want.sort(Comparator.comparingDouble(r -> -r.get("score").asDouble()));
          got.sort(Comparator.comparingDouble(d -> -d.score()));
          for (int k = 0; k < got.size(); k++) {
            Detection d = got.get(k);
            JsonNode w = want.get(k);
            assertEquals(w.get("score").asDouble(), d.score(), 1e-6 * w.get("score").asDouble(), "class " + c);
            float[] box = {d.x1(), d.y1(), d.x2(), d.y2()};
            for (int i = 0; i < 4; i++) {
              assertEquals((float) w.get("box").get(i).asDouble(), box[i], "class " + c + " box");
            }
            int pixels = 0;
            for (boolean b : d.mask().bits()) {
              pixels += b ? 1 : 0;
            }
            assertEquals(w.get("mask_pixels").asInt(), pixels, "class " + c + " mask");
            assertEquals(48, d.mask().width());
          }
        }
      }
    }
  }

  @Test
  void anImageSizeTheExportWasNotTracedForIsRefusedByName() throws Exception {
    try (TorchScriptDetector detector = new TorchScriptDetector(fixtures().resolve("m2f_fake_export.pt"),
        Device.cpu(), 80)) {
      Exception e = assertThrows(Exception.class,
          () -> detector.detect(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB)));
      String message = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
      assertTrue(message.contains("image 64x32 resizes to the padded network input 1344x672, which this export was "
          + "not traced for (traced: 800x800)"), message);
    }
  }
}
