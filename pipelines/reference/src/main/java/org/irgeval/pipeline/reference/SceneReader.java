package org.irgeval.pipeline.reference;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a reference drawing back: finds object bodies (4-connected regions of non-reserved colour), decodes
 * the 8-bit class marker above each, and reports box, mask and mean colour. This is the "detector" of the
 * plumbing checks; it only understands {@link SceneRenderer}'s drawings and says nothing about real images.
 */
public final class SceneReader {
  /** Regions smaller than this are noise (e.g. a stray pixel), not objects. */
  private static final int MIN_PIXELS = 30;

  public List<SeenObject> read(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xFFFFFF;
    }
    int[] label = new int[w * h];
    List<SeenObject> out = new ArrayList<>();
    int next = 1;
    int[] stack = new int[w * h];
    for (int start = 0; start < rgb.length; start++) {
      if (label[start] != 0 || ReferencePalette.reserved(rgb[start])) {
        continue;
      }
      int id = next++;
      int sp = 0;
      stack[sp++] = start;
      label[start] = id;
      boolean[] mask = new boolean[w * h];
      int n = 0;
      long sr = 0;
      long sg = 0;
      long sb = 0;
      int x1 = w;
      int y1 = h;
      int x2 = -1;
      int y2 = -1;
      while (sp > 0) {
        int p = stack[--sp];
        mask[p] = true;
        n++;
        int c = rgb[p];
        sr += (c >> 16) & 255;
        sg += (c >> 8) & 255;
        sb += c & 255;
        int x = p % w;
        int y = p / w;
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x);
        y2 = Math.max(y2, y);
        int[] nbs = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
        for (int q : nbs) {
          if (q >= 0 && label[q] == 0 && !ReferencePalette.reserved(rgb[q])) {
            label[q] = id;
            stack[sp++] = q;
          }
        }
      }
      if (n < MIN_PIXELS) {
        continue;
      }
      int code = decodeMarker(rgb, w, x1, y1);
      if (code < 0) {
        continue;
      }
      int mean = (int) (sr / n) << 16 | (int) (sg / n) << 8 | (int) (sb / n);
      out.add(new SeenObject(code, x1, y1, x2 + 1, y2 + 1, mask, mean, 0.99));
    }
    return out;
  }

  /**
   * The marker row sits {@code BODY_Y - MARK_Y} pixels above the body's top edge and starts at the body's
   * left edge. Rasterised ovals and polygons may start a pixel or two inside their nominal box, so the start
   * of the marker is searched within a few pixels of the region's box.
   */
  private static int decodeMarker(int[] rgb, int w, int x1, int y1) {
    int markY = y1 - (SceneRenderer.BODY_Y - SceneRenderer.MARK_Y) + SceneRenderer.MARK / 2;
    if (markY < 0) {
      return -1;
    }
    int start = -1;
    for (int dx = -3; dx <= 3 && start < 0; dx++) {
      int x = x1 + dx;
      if (x >= 0 && x < w && isMark(rgb[markY * w + x]) && (x == 0 || !isMark(rgb[markY * w + x - 1]))) {
        start = x;
      }
    }
    if (start < 0 || start + 8 * SceneRenderer.MARK > w) {
      return -1;
    }
    int code = 0;
    for (int bit = 0; bit < 8; bit++) {
      int c = rgb[markY * w + start + bit * SceneRenderer.MARK + SceneRenderer.MARK / 2];
      if (c == ReferencePalette.MARK_ON) {
        code = code << 1 | 1;
      } else if (c == ReferencePalette.MARK_OFF) {
        code = code << 1;
      } else {
        return -1;
      }
    }
    return code;
  }

  private static boolean isMark(int c) {
    return c == ReferencePalette.MARK_ON || c == ReferencePalette.MARK_OFF;
  }
}
