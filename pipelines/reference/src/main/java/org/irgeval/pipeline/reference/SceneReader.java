package org.irgeval.pipeline.reference;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.ArrayList;
import java.util.Arrays;
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
    int[] rgb = rgb(img);
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
        sp = visit(rgb, label, stack, sp, id, x > 0 ? p - 1 : -1);
        sp = visit(rgb, label, stack, sp, id, x < w - 1 ? p + 1 : -1);
        sp = visit(rgb, label, stack, sp, id, y > 0 ? p - w : -1);
        sp = visit(rgb, label, stack, sp, id, y < h - 1 ? p + w : -1);
      }
      if (n < MIN_PIXELS) {
        continue;
      }
      int code = decodeMarker(rgb, w, x1, y1);
      if (code < 0) {
        continue;
      }
      // the mask is the region's pixels, which all lie inside its box (built only for regions that are objects:
      // text and other small regions are many, and a full-size mask each made reading the dominant cost)
      boolean[] mask = new boolean[w * h];
      for (int y = y1; y <= y2; y++) {
        for (int x = x1; x <= x2; x++) {
          mask[y * w + x] = label[y * w + x] == id;
        }
      }
      int mean = (int) (sr / n) << 16 | (int) (sg / n) << 8 | (int) (sb / n);
      out.add(new SeenObject(code, x1, y1, x2 + 1, y2 + 1, mask, mean, 0.99));
    }
    return out;
  }

  /** Pushes pixel {@code q} (-1: off the image) when it is an unlabelled body pixel; returns the new stack size. */
  private static int visit(int[] rgb, int[] label, int[] stack, int sp, int id, int q) {
    if (q >= 0 && label[q] == 0 && !ReferencePalette.reserved(rgb[q])) {
      label[q] = id;
      stack[sp++] = q;
    }
    return sp;
  }

  /**
   * The 0xRRGGBB pixels. The layouts ImageIO decodes an 8-bit RGB(A) PNG to and the renderer draws in are read from
   * their buffers directly: {@code getRGB} converts pixel by pixel through the colour model, which made it the
   * slowest step of every reference run. Any other layout goes through {@code getRGB}.
   */
  static int[] rgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] out = new int[w * h];
    Raster r = img.getRaster();
    boolean whole = r.getMinX() == 0 && r.getMinY() == 0 && r.getParent() == null;
    if (whole && (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_INT_ARGB)
        && r.getDataBuffer() instanceof DataBufferInt ints
        && r.getSampleModel() instanceof SinglePixelPackedSampleModel sm && sm.getScanlineStride() == w
        && ints.getOffset() == 0) {
      int[] px = ints.getData();
      for (int i = 0; i < out.length; i++) {
        out[i] = px[i] & 0xFFFFFF;
      }
      return out;
    }
    int stride = img.getType() == BufferedImage.TYPE_3BYTE_BGR ? 3
        : img.getType() == BufferedImage.TYPE_4BYTE_ABGR ? 4 : 0;
    if (whole && stride > 0 && r.getDataBuffer() instanceof DataBufferByte bytes
        && r.getSampleModel() instanceof PixelInterleavedSampleModel sm && sm.getScanlineStride() == w * stride
        && sm.getPixelStride() == stride && bytes.getOffset() == 0
        && Arrays.equals(sm.getBandOffsets(), stride == 3 ? new int[] {2, 1, 0} : new int[] {3, 2, 1, 0})) {
      byte[] px = bytes.getData();
      // TYPE_3BYTE_BGR stores B, G, R; TYPE_4BYTE_ABGR stores A, B, G, R (non-premultiplied: the colour is as stored)
      int o = stride - 3;
      for (int i = 0, j = 0; i < out.length; i++, j += stride) {
        out[i] = (px[j + o + 2] & 255) << 16 | (px[j + o + 1] & 255) << 8 | (px[j + o] & 255);
      }
      return out;
    }
    img.getRGB(0, 0, w, h, out, 0, w);
    for (int i = 0; i < out.length; i++) {
      out[i] &= 0xFFFFFF;
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
