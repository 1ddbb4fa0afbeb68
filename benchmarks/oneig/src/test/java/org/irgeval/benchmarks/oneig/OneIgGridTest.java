package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.irgeval.api.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2x2 grid: join/split round trip, the official black-tile rule, the layout's partial grids. */
class OneIgGridTest {
  @TempDir
  Path tmp;

  private static BufferedImage tile(int rgb, int w, int h) {
    BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        t.setRGB(x, y, rgb + x * 3 + y * 5);
      }
    }
    return t;
  }

  @Test
  void splitGivesBackTheJoinedTilesRowByRow() throws Exception {
    List<BufferedImage> tiles = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      tiles.add(tile(0x102030 * (k + 1), 6, 6));
    }
    BufferedImage grid = OneIgGrid.join(tiles);
    assertEquals(12, grid.getWidth());
    // tile 1 is the top-right one (utils.py l.37-44: rows outer, columns inner)
    assertEquals(tiles.get(1).getRGB(0, 0) & 0xFFFFFF, grid.getRGB(6, 0) & 0xFFFFFF);
    assertEquals(tiles.get(2).getRGB(0, 0) & 0xFFFFFF, grid.getRGB(0, 6) & 0xFFFFFF);
    BufferedImage back = OneIgGrid.decode(OneIgGrid.png(grid), "grid");
    List<BufferedImage> split = OneIgGrid.split(back);
    for (int k = 0; k < 4; k++) {
      assertTrue(OneIgGrid.sameRgb(tiles.get(k), split.get(k)), "tile " + k);
      assertFalse(OneIgGrid.isBlack(split.get(k)));
    }
  }

  /** {@code png} with a tRNS chunk for colour (r, g, b) (16 bits each, PNG spec 11.3.2.1) right after IHDR. */
  static byte[] withTrns(byte[] png, int r, int g, int b) {
    byte[] data = {0, (byte) r, 0, (byte) g, 0, (byte) b};
    CRC32 crc = new CRC32();
    crc.update("tRNS".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    crc.update(data);
    java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put("tRNS".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).put(data)
        .putInt((int) crc.getValue());
    int afterIhdr = 8 + 12 + 13;
    byte[] out = new byte[png.length + chunk.capacity()];
    System.arraycopy(png, 0, out, 0, afterIhdr);
    System.arraycopy(chunk.array(), 0, out, afterIhdr, chunk.capacity());
    System.arraycopy(png, afterIhdr, out, afterIhdr + chunk.capacity(), png.length - afterIhdr);
    return out;
  }

  /**
   * An RGB PNG whose tRNS colour is black: PIL opens it in mode RGB (checked with Pillow 11.1 on Debian trixie,
   * 2026-12-07: {@code Image.open(f).mode == 'RGB'}, and utils.py's is_black_image finds tile 3 of this very file),
   * so the official split_mxn_grid drops the black tile. ImageIO alone gives ARGB with black transparent.
   */
  @Test
  void anRgbPngWithATrnsColourIsReadAsPilReadsItAndItsBlackTileFound() throws Exception {
    List<BufferedImage> tiles = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      tiles.add(tile(0x204060 * (k + 1), 6, 6));
    }
    tiles.add(null); // all-black
    byte[] png = withTrns(OneIgGrid.png(OneIgGrid.join(tiles)), 0, 0, 0);
    assertTrue(OneIgGrid.isRgbPngWithTrns(png));
    assertFalse(OneIgGrid.isRgbPngWithTrns(OneIgGrid.png(OneIgGrid.join(tiles))));
    assertTrue(javax.imageio.ImageIO.read(new ByteArrayInputStream(png)).getColorModel().hasAlpha(),
        "ImageIO's own reading (the old code's): ARGB");
    Files.write(tmp.resolve("trns-grid.png"), png);
    BufferedImage grid = OneIgGrid.decode(png, "trns grid");
    assertFalse(grid.getColorModel().hasAlpha());
    List<BufferedImage> split = OneIgGrid.split(grid);
    assertTrue(OneIgGrid.isBlack(split.get(3)));
    for (int k = 0; k < 3; k++) {
      assertFalse(OneIgGrid.isBlack(split.get(k)));
      assertTrue(OneIgGrid.sameRgb(tiles.get(k), split.get(k)), "tile " + k + " keeps its colours");
    }
  }

  @Test
  void onlyAnAllZeroRgbTileIsBlackAsTheOfficialCheckSeesIt() {
    assertTrue(OneIgGrid.isBlack(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB)));
    BufferedImage almost = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
    almost.setRGB(4, 4, 0x000001);
    assertFalse(OneIgGrid.isBlack(almost));
    // PIL compares RGBA 4-tuples and L ints with (0, 0, 0): never equal
    assertFalse(OneIgGrid.isBlack(new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB)));
    assertFalse(OneIgGrid.isBlack(new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY)));
  }

  @Test
  void aTileNeverWrittenIsBlackInTheGridAndFoundAsBlack() throws Exception {
    Prompt p = OneIgTestPrompts.prompt("object", "007", 0, null);
    OneIgImageLayout layout = new OneIgImageLayout();
    for (int k = 0; k < 3; k++) {
      layout.write(tmp, p, k, OneIgGrid.png(tile(0x405060 + k, 8, 8)));
    }
    Path grid = tmp.resolve("object/irg-eval/007.png");
    assertTrue(Files.isRegularFile(grid));
    BufferedImage g = OneIgGrid.decode(Files.readAllBytes(grid), "grid");
    assertEquals(16, g.getWidth());
    assertTrue(OneIgGrid.isBlack(OneIgGrid.tile(g, 3)));
    Path t3 = layout.find(tmp, p, 3).orElseThrow();
    assertTrue(OneIgGrid.isBlack(OneIgGrid.decode(Files.readAllBytes(t3), "t3")));
    // a grid made elsewhere (no kept tiles): the cut tile comes back with the same pixels
    Files.walk(tmp.resolve(OneIgImageLayout.TILES_DIR)).sorted(Comparator.reverseOrder()).forEach(f ->
        f.toFile().delete());
    Path t1 = layout.find(tmp, p, 1).orElseThrow();
    assertTrue(OneIgGrid.sameRgb(tile(0x405061, 8, 8), OneIgGrid.decode(Files.readAllBytes(t1), "t1")));
  }

  @Test
  void placeSamplesPutsEveryTileInOneGridAndHardLinksTheKeptTiles() throws Exception {
    Prompt p = OneIgTestPrompts.prompt("object", "011", 0, null);
    Map<Integer, Path> stored = new TreeMap<>();
    for (int k = 0; k < 4; k++) {
      Path f = tmp.resolve("stored/" + k + ".png");
      Files.createDirectories(f.getParent());
      Files.write(f, OneIgGrid.png(tile(0x203040 + 0x10 * k, 8, 8)));
      stored.put(k, f);
    }
    Path root = tmp.resolve("exports");
    List<String> placed = new ArrayList<>();
    new OneIgImageLayout().placeSamples(root, p, stored, (src, dst) -> {
      Files.createDirectories(dst.getParent());
      Files.createLink(dst, src);
      placed.add(src.getFileName().toString());
    });
    assertEquals(List.of("0.png", "1.png", "2.png", "3.png"), placed);
    BufferedImage g = OneIgGrid.decode(Files.readAllBytes(root.resolve("object/irg-eval/011.png")), "grid");
    List<BufferedImage> split = OneIgGrid.split(g);
    for (int k = 0; k < 4; k++) {
      assertTrue(OneIgGrid.sameRgb(tile(0x203040 + 0x10 * k, 8, 8), split.get(k)), "tile " + k + " in the grid");
      // find gives back the kept file, the stored bytes themselves
      assertTrue(Files.isSameFile(stored.get(k), new OneIgImageLayout().find(root, p, k).orElseThrow()), "tile " + k);
    }
  }
}
