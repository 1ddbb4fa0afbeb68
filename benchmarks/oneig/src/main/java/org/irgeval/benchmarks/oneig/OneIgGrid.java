package org.irgeval.benchmarks.oneig;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The 2x2 grid image of one OneIG prompt, as OneIG-Bench/OneIG-Benchmark@41b4983 {@code scripts/utils/utils.py}
 * {@code split_mxn_grid} (l.26-59) reads it: with {@code --image_grid "c,r"}, tile width = width // c and tile height =
 * height // r (l.32-33), tiles taken row by row, left to right (l.37-44), each cropped at
 * {@code (j*w, i*h, (j+1)*w, (i+1)*h)}; an all-black tile is dropped (l.48-51). We always write and read c = r = 2
 * with square tiles of equal size, where the scripts' known width/height swap ({@code text2image.py}) cannot bite.
 */
final class OneIgGrid {
  static final int COLS = 2;
  static final int ROWS = 2;
  static final int TILES = COLS * ROWS;

  private OneIgGrid() {}

  /**
   * Tiles in row-major order into one RGB grid; a missing tile (null) is all-black, the official convention for a
   * failed image (README; utils.py l.48-51 drops it).
   *
   * @throws IOException when the tiles differ in size or none is given
   */
  static BufferedImage join(List<BufferedImage> tiles) throws IOException {
    if (tiles.size() != TILES) {
      throw new IllegalArgumentException("a grid holds " + TILES + " tiles, got " + tiles.size());
    }
    int w = -1;
    int h = -1;
    for (BufferedImage t : tiles) {
      if (t == null) {
        continue;
      }
      if (w < 0) {
        w = t.getWidth();
        h = t.getHeight();
      } else if (t.getWidth() != w || t.getHeight() != h) {
        throw new IOException("grid tiles differ in size: " + w + "x" + h + " and " + t.getWidth() + "x"
            + t.getHeight() + " (the official splitter cuts equal tiles)");
      }
    }
    if (w < 0) {
      throw new IOException("no tile to put into the grid");
    }
    BufferedImage grid = new BufferedImage(w * COLS, h * ROWS, BufferedImage.TYPE_INT_RGB);
    for (int k = 0; k < TILES; k++) {
      BufferedImage t = tiles.get(k);
      if (t == null) {
        continue; // TYPE_INT_RGB starts all-black
      }
      int x0 = (k % COLS) * w;
      int y0 = (k / COLS) * h;
      int[] px = t.getRGB(0, 0, w, h, null, 0, w);
      for (int i = 0; i < px.length; i++) {
        px[i] &= 0xFFFFFF;
      }
      grid.setRGB(x0, y0, w, h, px, 0, w);
    }
    return grid;
  }

  /** Tile {@code k} (row-major) cut as utils.py l.32-46 cuts it, keeping the grid's pixel format. */
  static BufferedImage tile(BufferedImage grid, int k) {
    if (k < 0 || k >= TILES) {
      throw new IllegalArgumentException("tile index " + k + " outside 0.." + (TILES - 1));
    }
    int w = grid.getWidth() / COLS;
    int h = grid.getHeight() / ROWS;
    int i = k / COLS;
    int j = k % COLS;
    // a copy of the region at (0, 0), so the tile does not share the grid's raster
    java.awt.image.Raster r = grid.getData(new java.awt.Rectangle(j * w, i * h, w, h)).createTranslatedChild(0, 0);
    java.awt.image.WritableRaster wr = r.createCompatibleWritableRaster(w, h);
    wr.setRect(r);
    return new BufferedImage(grid.getColorModel(), wr, grid.isAlphaPremultiplied(), null);
  }

  /** All tiles in row-major order. */
  static List<BufferedImage> split(BufferedImage grid) {
    List<BufferedImage> out = new ArrayList<>();
    for (int k = 0; k < TILES; k++) {
      out.add(tile(grid, k));
    }
    return out;
  }

  /**
   * utils.py l.18-24 {@code is_black_image}: every pixel equals the tuple {@code (0, 0, 0)}. Only a 3-channel RGB
   * image can match: PIL gives RGBA pixels as 4-tuples and L/P pixels as ints, which never equal (0, 0, 0), so the
   * official code never drops a tile of an RGBA, grey or palette grid (and then stops on the RGBA, LA and palette
   * ones: split_mxn_grid saves every kept tile as JPEG, l.54-56, which PIL cannot write in those modes; a grey grid is
   * scored; docs/oneig.md section 2). An RGB PNG with a tRNS colour is RGB here, as in PIL ({@link #decode}).
   */
  static boolean isBlack(BufferedImage img) {
    ColorModel cm = img.getColorModel();
    if (cm.hasAlpha() || cm instanceof IndexColorModel || cm.getNumComponents() != 3) {
      return false;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int p : row) {
        if ((p & 0xFFFFFF) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Decodes PNG, JPEG, BMP, GIF and, through TwelveMonkeys' imageio-webp on the class path, WebP grids.
   *
   * <p>An RGB PNG (colour type 2) with a {@code tRNS} chunk is given back as plain RGB: PIL opens it in mode RGB
   * (the transparent colour only goes into {@code info["transparency"]}), so the official {@code is_black_image}
   * (utils.py l.18-24) sees 3-tuples and finds its black tiles, while ImageIO would give ARGB with that colour
   * transparent, which {@link #isBlack} never calls black.
   */
  static BufferedImage decode(byte[] bytes, String what) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    if (img == null) {
      throw new IOException(what + ": not an image this JVM can decode (PNG, JPEG, BMP, GIF, WebP)");
    }
    if (img.getColorModel().hasAlpha() && isRgbPngWithTrns(bytes)) {
      BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
      int w = img.getWidth();
      int[] row = new int[w];
      for (int y = 0; y < img.getHeight(); y++) {
        img.getRGB(0, y, w, 1, row, 0, w);
        rgb.setRGB(0, y, w, 1, row, 0, w); // TYPE_INT_RGB drops the alpha byte, keeps the colour as stored
      }
      return rgb;
    }
    return img;
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** A PNG whose IHDR says colour type 2 (RGB) and that has a tRNS chunk before its image data. */
  static boolean isRgbPngWithTrns(byte[] b) {
    if (b.length < 33 || !Arrays.equals(b, 0, 8, PNG_SIGNATURE, 0, 8) || b[25] != 2) {
      return false;
    }
    int at = 8;
    while (at + 8 <= b.length) {
      long length = ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
      String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (type.equals("tRNS")) {
        return true;
      }
      if (type.equals("IDAT") || type.equals("IEND") || length > b.length) {
        return false;
      }
      at += 12 + (int) length;
    }
    return false;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer for this image");
    }
    return out.toByteArray();
  }

  /** True when both images have the same size and the same RGB pixels (alpha ignored). */
  static boolean sameRgb(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    int w = a.getWidth();
    int[] ra = new int[w];
    int[] rb = new int[w];
    for (int y = 0; y < a.getHeight(); y++) {
      a.getRGB(0, y, w, 1, ra, 0, w);
      b.getRGB(0, y, w, 1, rb, 0, w);
      for (int x = 0; x < w; x++) {
        if ((ra[x] & 0xFFFFFF) != (rb[x] & 0xFFFFFF)) {
          return false;
        }
      }
    }
    return true;
  }
}
