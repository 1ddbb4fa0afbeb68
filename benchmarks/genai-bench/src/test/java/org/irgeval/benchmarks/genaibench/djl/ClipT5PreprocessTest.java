package org.irgeval.benchmarks.genaibench.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Java pre-processing against fixtures/clipt5/expected.json, computed by make_fixtures.py with Pillow 9.4 and
 * numpy 1.24 (Debian): expand2square, the PIL-bicubic resize, and the float32 pixel values are byte-identical.
 */
class ClipT5PreprocessTest {
  static Path fixtures;
  static JsonNode expected;

  @BeforeAll
  static void load() throws Exception {
    fixtures = Path.of(ClipT5PreprocessTest.class.getResource("/fixtures/clipt5/expected.json").toURI()).getParent();
    expected = Json.mapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  static byte[] rgbBytes(ClipT5Preprocess.Rgb img) {
    byte[] b = new byte[img.pixels().length * 3];
    for (int i = 0; i < img.pixels().length; i++) {
      int p = img.pixels()[i];
      b[3 * i] = (byte) (p >> 16);
      b[3 * i + 1] = (byte) (p >> 8);
      b[3 * i + 2] = (byte) p;
    }
    return b;
  }

  @Test
  void backgroundIsTheClipMeanTruncated() {
    JsonNode bg = expected.get("background");
    assertEquals(bg.get(0).asInt() << 16 | bg.get(1).asInt() << 8 | bg.get(2).asInt(), ClipT5Preprocess.background());
    assertEquals(0x7A7468, ClipT5Preprocess.background()); // (122, 116, 104)
  }

  @ParameterizedTest
  @ValueSource(strings = {"wide.png", "tall.png"})
  void everyStepMatchesPython(String name) throws Exception {
    JsonNode e = expected.get("images").get(name);
    BufferedImage img = ImageIO.read(fixtures.resolve(name).toFile());
    ClipT5Preprocess.Rgb rgb = ClipT5Preprocess.rgb(img);
    assertEquals(e.get("size").get(0).asInt(), rgb.width());
    ClipT5Preprocess.Rgb sq = ClipT5Preprocess.expand2square(rgb, ClipT5Preprocess.background());
    assertEquals(e.get("square_size").get(0).asInt(), sq.width());
    assertEquals(e.get("square_rgb_sha256").asText(), Hashing.sha256(rgbBytes(sq)), "expand2square");
    ClipT5Preprocess.Rgb resized = ClipT5Preprocess.resize(sq);
    assertEquals(336, resized.width());
    assertEquals(e.get("resized_rgb_sha256").asText(), Hashing.sha256(rgbBytes(resized)), "PIL bicubic resize");
    float[] px = ClipT5Preprocess.normalize(resized);
    assertArrayEquals(px, ClipT5Preprocess.pixelValues(img));
    var it = e.get("samples").fields();
    while (it.hasNext()) {
      var s = it.next();
      String[] cyx = s.getKey().split(",");
      int c = Integer.parseInt(cyx[0]);
      int y = Integer.parseInt(cyx[1]);
      int x = Integer.parseInt(cyx[2]);
      assertEquals((float) s.getValue().asDouble(), px[(c * 336 + y) * 336 + x], 0f, s.getKey());
    }
    ByteBuffer bb = ByteBuffer.allocate(px.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bb.asFloatBuffer().put(px);
    assertEquals(e.get("pixel_values_f32le_sha256").asText(), Hashing.sha256(bb.array()), "float32 pixel values");
  }

  @Test
  void shortestEdgeResizeAndCenterCropOfNonSquareInput() {
    // Not reached after expand2square, but the processor is the general one.
    assertArrayEquals(new int[] {336, 504}, ClipT5Preprocess.resizedSize(200, 300));
    assertArrayEquals(new int[] {447, 336}, ClipT5Preprocess.resizedSize(401, 301)); // int(336 * 401 / 301)
    int[] px = new int[448 * 336];
    px[(0) * 448 + 56] = 0xFFFFFF; // (448 - 336) / 2 = 56: becomes the crop's (0, 0)
    float[] out = ClipT5Preprocess.normalize(new ClipT5Preprocess.Rgb(px, 448, 336));
    assertEquals((1f - 0.48145466f) / 0.26862954f, out[0], 1e-6f);
    assertThrows(IllegalArgumentException.class,
        () -> ClipT5Preprocess.normalize(new ClipT5Preprocess.Rgb(new int[4], 2, 2)));
  }

  @Test
  void squareImagesAreNotPadded() {
    ClipT5Preprocess.Rgb in = new ClipT5Preprocess.Rgb(new int[] {1, 2, 3, 4}, 2, 2);
    List<Integer> same = new ArrayList<>();
    for (int p : ClipT5Preprocess.expand2square(in, 7).pixels()) {
      same.add(p);
    }
    assertEquals(List.of(1, 2, 3, 4), same);
  }
}
