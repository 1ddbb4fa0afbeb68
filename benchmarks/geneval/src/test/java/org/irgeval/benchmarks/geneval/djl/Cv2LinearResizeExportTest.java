package org.irgeval.benchmarks.geneval.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.irgeval.scoring.djl.TorchScriptFile;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/**
 * The resize inside the Mask2Former export (tools/export_mask2former.py {@code cv2_resize_linear_u8}: mmdet's
 * {@code Resize(keep_ratio=True)} is {@code mmcv.imrescale}, i.e. {@code cv2.resize(INTER_LINEAR)} on the uint8 BGR
 * image) run by DJL's libtorch gives cv2's bytes exactly. The fixtures (make_mask2former_fixtures.py) are that
 * function scripted as the export scripts it, and Debian OpenCV 4.10's results on 24 size pairs (up, down, exact
 * 2x both ways, identity, one axis only). Every case runs three times: TorchScript's profiling executor optimises
 * a graph after its first runs, and Debian's torch 2.6 fuser once turned {@code round().to(int64)} into a
 * truncation there (the export avoids aten::round for that reason).
 */
class Cv2LinearResizeExportTest {
  @Test
  void scriptedResizeIsBitExactToOpenCvInDjl() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/fixtures/m2f_resize.json").toURI()).getParent();
    JsonNode cases = Json.mapper().readTree(fixtures.resolve("m2f_resize.json").toFile()).get("cases");
    assertEquals(24, cases.size());
    try (TorchScriptFile resize = TorchScriptFile.load("resize", fixtures.resolve("m2f_resize.pt"), Device.cpu())) {
      for (int round = 0; round < 3; round++) {
        for (JsonNode c : cases) {
          BufferedImage in = ImageIO.read(fixtures.resolve(c.get("input").asText()).toFile());
          BufferedImage expected = ImageIO.read(fixtures.resolve(c.get("expected").asText()).toFile());
          int w = c.get("width").asInt();
          int h = c.get("height").asInt();
          float[] out;
          try (NDManager m = resize.manager().newSubManager()) {
            NDList result = resize.predict(new NDList(m.create(chw(in), new Shape(1, 3, in.getHeight(),
                in.getWidth())), m.create(new long[] {w, h})));
            assertEquals(new Shape(1, 3, h, w), result.get(0).getShape(), c.toString());
            out = result.get(0).toFloatArray();
          }
          float[] want = chw(expected);
          int differ = 0;
          for (int i = 0; i < want.length; i++) {
            if (out[i] != want[i]) {
              differ++;
            }
          }
          assertEquals(0, differ, "values differing from cv2.resize, round " + round + ", " + c);
        }
      }
    }
  }

  /** RGB planes, as {@link TorchScriptDetector} feeds the export. */
  static float[] chw(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    int n = w * h;
    float[] chw = new float[3 * n];
    for (int i = 0; i < n; i++) {
      chw[i] = (rgb[i] >> 16) & 255;
      chw[n + i] = (rgb[i] >> 8) & 255;
      chw[2 * n + i] = rgb[i] & 255;
    }
    return chw;
  }
}
