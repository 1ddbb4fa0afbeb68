package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.api.Prompt;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Official grids saved as {@code .webp} (fixtures/grid.webp: lossless, written by Pillow) are read as they are. */
class OneIgWebpTest {
  @TempDir
  Path tmp;

  static byte[] rgbBytes(BufferedImage img) {
    int[] px = OneIgPreprocess.rgb(img);
    byte[] b = new byte[3 * px.length];
    for (int i = 0; i < px.length; i++) {
      b[3 * i] = (byte) (px[i] >> 16);
      b[3 * i + 1] = (byte) (px[i] >> 8);
      b[3 * i + 2] = (byte) px[i];
    }
    return b;
  }

  @Test
  void decodesPillowsLosslessWebpPixelForPixel() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/fixtures/grid.webp").toURI()).getParent();
    JsonNode want = Json.mapper().readTree(fixtures.resolve("grid_rgb.json").toFile());
    BufferedImage img = OneIgGrid.decode(Files.readAllBytes(fixtures.resolve("grid.webp")), "grid.webp");
    assertEquals(want.get("w").asInt(), img.getWidth());
    assertEquals(want.get("h").asInt(), img.getHeight());
    assertEquals(want.get("rgb_sha256").asText(), Hashing.sha256(rgbBytes(img)));
  }

  @Test
  void theLayoutCutsTilesFromAWebpGrid() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/fixtures/grid.webp").toURI()).getParent();
    Path dir = tmp.resolve("anime/some-model");
    Files.createDirectories(dir);
    Files.copy(fixtures.resolve("grid.webp"), dir.resolve("001.webp"));
    Prompt p = OneIgTestPrompts.prompt("anime", "001", 0, null);
    Path tile = new OneIgImageLayout().find(tmp, p, 3).orElseThrow();
    BufferedImage t = OneIgGrid.decode(Files.readAllBytes(tile), tile.toString());
    assertEquals(32, t.getWidth());
    assertEquals(24, t.getHeight());
    // tile 3 = bottom right: pixel (0,0) of the tile is grid pixel (32, 24) of make_fixtures.py pixel()
    int x = 32;
    int y = 24;
    int want = ((x * 7 + y * 13) % 256) << 16 | ((x * x + 3 * y) % 256) << 8 | ((x * y + 5) % 256);
    assertEquals(want, t.getRGB(0, 0) & 0xFFFFFF);
    assertTrue(tile.getFileName().toString().endsWith(".png"));
  }
}
