package org.irgeval.pipeline.reference;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a {@link ScenePlan} with Java2D: a {@value #GRID}x{@value #GRID} grid of {@value #CELL}-pixel cells,
 * one object per cell, each with an 8-bit class marker right above it. Anti-aliasing is off so every pixel
 * has an exact palette colour, which is what lets {@link SceneReader} read the drawing back exactly.
 */
public final class SceneRenderer {
  public static final int CELL = 64;
  public static final int GRID = 4;
  public static final int SIZE = CELL * GRID;
  /** Printed in the top-left corner of every drawing. */
  public static final String WATERMARK = "plumbing check - not a model";
  /** Object body size and its offset inside the cell. */
  static final int BODY = 40;
  static final int BODY_X = 12;
  static final int BODY_Y = 18;
  /** Marker: 8 cells of MARK x MARK pixels, 6 px above the body. */
  static final int MARK = 4;
  static final int MARK_Y = 8;

  public BufferedImage render(ScenePlan plan) {
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setColor(new java.awt.Color(ReferencePalette.BACKGROUND));
      g.fillRect(0, 0, SIZE, SIZE);
      // Every picture says what it is. Drawn first, in the reserved text colour, so objects and markers drawn
      // later stay intact and the reader ignores it.
      g.setColor(new java.awt.Color(ReferencePalette.TEXT));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
      g.drawString(WATERMARK, 2, 9);
      for (ScenePlan.Instance in : plan.instances()) {
        drawInstance(g, in);
      }
      if (plan.text() != null && !plan.text().isBlank()) {
        g.setColor(new java.awt.Color(ReferencePalette.TEXT));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(plan.text(), 8, SIZE - 14);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void drawInstance(Graphics2D g, ScenePlan.Instance in) {
    int x0 = in.col() * CELL;
    int y0 = in.row() * CELL;
    for (int bit = 0; bit < 8; bit++) {
      boolean on = ((in.code() >> (7 - bit)) & 1) == 1;
      g.setColor(new java.awt.Color(on ? ReferencePalette.MARK_ON : ReferencePalette.MARK_OFF));
      g.fillRect(x0 + BODY_X + bit * MARK, y0 + MARK_Y, MARK, MARK);
    }
    g.setColor(ReferencePalette.of(in.color()));
    int x = x0 + BODY_X;
    int y = y0 + BODY_Y;
    switch (in.shape() & 3) {
      case 0 -> g.fillOval(x, y, BODY, BODY);
      case 1 -> g.fillRect(x, y, BODY, BODY);
      case 2 -> g.fillPolygon(new Polygon(new int[] {x + BODY / 2, x + BODY, x}, new int[] {y, y + BODY, y + BODY}, 3));
      default -> g.fillPolygon(new Polygon(new int[] {x + BODY / 2, x + BODY, x + BODY / 2, x},
          new int[] {y, y + BODY / 2, y + BODY, y + BODY / 2}, 4));
    }
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
