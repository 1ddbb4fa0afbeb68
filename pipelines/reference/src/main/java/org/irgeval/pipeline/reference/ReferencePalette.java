package org.irgeval.pipeline.reference;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours the reference renderer paints with. The ten object colours are the basic colour names that
 * detector-based benchmarks classify into, in the order their adapters list them; the reserved colours (marker bits, text,
 * background) never occur in an object body, so the {@link SceneReader} can separate them exactly.
 */
public final class ReferencePalette {
  private static final Map<String, Color> COLORS = palette();

  private static Map<String, Color> palette() {
    Map<String, Color> m = new LinkedHashMap<>();
    m.put("red", new Color(220, 30, 30));
    m.put("orange", new Color(245, 140, 0));
    m.put("yellow", new Color(245, 220, 0));
    m.put("green", new Color(30, 160, 50));
    m.put("blue", new Color(30, 70, 220));
    m.put("purple", new Color(130, 40, 170));
    m.put("pink", new Color(250, 150, 200));
    m.put("brown", new Color(120, 70, 30));
    m.put("black", new Color(20, 20, 20));
    m.put("white", new Color(250, 250, 250));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Background of every drawing. */
  public static final int BACKGROUND = 0xECE8DC;
  /** Marker cell for a 1 bit. */
  public static final int MARK_ON = 0x00FFFE;
  /** Marker cell for a 0 bit. */
  public static final int MARK_OFF = 0xFE00FF;
  /** Rendered text. */
  public static final int TEXT = 0x28283A;

  private ReferencePalette() {}

  /** The ten colour names, in order. */
  public static List<String> names() {
    return List.copyOf(COLORS.keySet());
  }

  /** The RGB the renderer uses for a colour name. */
  public static Color of(String name) {
    Color c = COLORS.get(name);
    if (c == null) {
      throw new IllegalArgumentException("not a palette colour: " + name + " (known: " + names() + ")");
    }
    return c;
  }

  /** The palette name nearest (squared RGB distance) to {@code rgb}; ties go to the earlier name. */
  public static String nearest(int rgb) {
    int r = (rgb >> 16) & 255;
    int g = (rgb >> 8) & 255;
    int b = rgb & 255;
    String best = null;
    long bestD = Long.MAX_VALUE;
    for (Map.Entry<String, Color> e : COLORS.entrySet()) {
      Color c = e.getValue();
      long d = sq(c.getRed() - r) + sq(c.getGreen() - g) + sq(c.getBlue() - b);
      if (d < bestD) {
        bestD = d;
        best = e.getKey();
      }
    }
    return best;
  }

  private static long sq(int v) {
    return (long) v * v;
  }

  /** True for the background and the reserved marker/text colours. */
  static boolean reserved(int rgb) {
    return rgb == BACKGROUND || rgb == MARK_ON || rgb == MARK_OFF || rgb == TEXT;
  }
}
