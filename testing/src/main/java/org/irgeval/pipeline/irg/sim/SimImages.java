package org.irgeval.pipeline.irg.sim;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * The simulator's pictures: a few coloured blocks whose layout depends only on (seed, turn), so the same
 * sample gets the same bytes on every endpoint. They show plumbing, never a model. Also the damaged pictures of
 * the fault kinds (a PNG cut inside IDAT, a JPEG, a PNG of the wrong size) and payload-realistic PNGs.
 */
final class SimImages {
  /** Realistic payloads are served from this many precomputed pictures per size (encoding is not what is measured). */
  static final int REALISTIC_POOL = 16;
  /**
   * Memo of a pure function (size to its pool), shared on purpose by every simulator in the JVM: the schedule
   * comparison starts 64 in one process, which would otherwise encode 64 identical pools.
   */
  private static final Map<String, byte[][]> REALISTIC = new ConcurrentHashMap<>();

  private SimImages() {}

  static byte[] png(long seed, int turn, int size) {
    return png(seed, turn, size, size);
  }

  /**
   * The blocks picture of (seed, turn) at width x height (for a square one up to 256 px, the same bytes as before;
   * larger ones are encoded directly, ~10x faster than ImageIO, the same pixels).
   */
  static byte[] png(long seed, int turn, int width, int height) {
    if ((long) width * height > 256 * 256) {
      return fastPng(seed, turn, width, height);
    }
    return encode(draw(seed, turn, width, height), "png");
  }

  /** {@link #draw}'s pixels as an RGB PNG: every row filtered "up" (a block picture's rows are mostly zeros). */
  private static byte[] fastPng(long seed, int turn, int width, int height) {
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + turn);
    int[] px = new int[width * height];
    Arrays.fill(px, rng.nextInt(0x1000000));
    for (int i = 0; i < 3 + turn; i++) {
      int c = rng.nextInt(0x1000000);
      int w = 1 + rng.nextInt(Math.max(1, width / 2));
      int h = 1 + rng.nextInt(Math.max(1, height / 2));
      int x0 = rng.nextInt(width - w + 1);
      int y0 = rng.nextInt(height - h + 1);
      for (int y = y0; y < y0 + h; y++) {
        Arrays.fill(px, y * width + x0, y * width + x0 + w, c);
      }
    }
    int stride = 1 + 3 * width;
    byte[] raw = new byte[height * stride];
    for (int y = 0; y < height; y++) {
      int p = y * stride;
      raw[p++] = 2; // filter: up
      for (int x = 0; x < width; x++) {
        int v = px[y * width + x];
        int u = y == 0 ? 0 : px[(y - 1) * width + x];
        raw[p++] = (byte) (((v >> 16) & 0xff) - ((u >> 16) & 0xff));
        raw[p++] = (byte) (((v >> 8) & 0xff) - ((u >> 8) & 0xff));
        raw[p++] = (byte) ((v & 0xff) - (u & 0xff));
      }
    }
    return rgbPng(raw, width, height);
  }

  /** The same picture as a JPEG: a 200 answer whose image is not a PNG. */
  static byte[] jpeg(long seed, int turn, int width, int height) {
    return encode(draw(seed, turn, width, height), "jpg");
  }

  private static BufferedImage draw(long seed, int turn, int width, int height) {
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + turn);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(rng.nextInt(0x1000000)));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 3 + turn; i++) {
        g.setColor(new Color(rng.nextInt(0x1000000)));
        int w = 1 + rng.nextInt(Math.max(1, width / 2));
        int h = 1 + rng.nextInt(Math.max(1, height / 2));
        g.fillRect(rng.nextInt(width - w + 1), rng.nextInt(height - h + 1), w, h);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IOException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A PNG cut inside its first IDAT chunk: signature and IHDR intact (so a check of the header alone passes), the
   * pixel data incomplete, no IEND.
   */
  static byte[] truncated(byte[] png) {
    int p = 8;
    while (p + 8 <= png.length) {
      int len = ByteBuffer.wrap(png, p, 4).getInt();
      String type = new String(png, p + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (type.equals("IDAT")) {
        return Arrays.copyOf(png, p + 8 + Math.max(1, len / 2));
      }
      p += 12 + len;
    }
    return Arrays.copyOf(png, Math.min(png.length, 40)); // no IDAT found: keep the header only
  }

  /**
   * A payload-realistic PNG of about 1.3 MB at 1024x1024 (smooth colours with sensor-like noise, as a model's
   * pictures compress): one of {@value #REALISTIC_POOL} precomputed per size, picked by (seed, turn), so it still
   * depends only on the seed. Precomputed because encoding 3 MB of noise costs ~100 ms of the simulator's CPU,
   * which a real server spends on its own machine, not on the harness's.
   */
  static byte[] realistic(long seed, int turn, int width, int height) {
    byte[][] pool = REALISTIC.computeIfAbsent(width + "x" + height, k -> {
      byte[][] p = new byte[REALISTIC_POOL][];
      for (int i = 0; i < REALISTIC_POOL; i++) {
        p[i] = noisy(i, width, height);
      }
      return p;
    });
    return pool[(int) Math.floorMod(seed * 31 + turn, (long) REALISTIC_POOL)];
  }

  private static byte[] noisy(long seed, int width, int height) {
    SplittableRandom rng = new SplittableRandom(seed * 7919 + 17);
    byte[] raw = new byte[height * (1 + 3 * width)];
    int[] base = {rng.nextInt(200), rng.nextInt(200), rng.nextInt(200)};
    int p = 0;
    for (int y = 0; y < height; y++) {
      raw[p++] = 0; // filter: none
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          int v = base[c] + (x * (c + 1) + y * (3 - c)) / 64 % 40 + rng.nextInt(4);
          raw[p++] = (byte) Math.min(255, v);
        }
      }
    }
    return rgbPng(raw, width, height);
  }

  /** An 8-bit RGB PNG of filtered scanlines {@code raw}. */
  private static byte[] rgbPng(byte[] raw, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 2);
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    d.end();
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
