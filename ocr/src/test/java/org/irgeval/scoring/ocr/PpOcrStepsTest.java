package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ported pre/post-processing steps, without models; expected numbers worked out by hand in the comments. */
class PpOcrStepsTest {
  private static final PpOcrSettings S = PpOcrSettings.defaults();

  @Test
  void detResizeLimitsTheLongSideAndRoundsToMultiplesOf32HalfToEven() {
    // 1024 > 960: ratio 0.9375 -> 960 x 960
    assertArrayEquals(new int[] {960, 960}, DetPreprocess.targetSize(1024, 1024, 960, true));
    // no scaling; 300/32 = 9.375 -> 9*32 = 288, 900/32 = 28.125 -> 896
    assertArrayEquals(new int[] {288, 896}, DetPreprocess.targetSize(300, 900, 960, true));
    // ratio 0.48: h = 240, 240/32 = 7.5 -> Python round() gives 8 -> 256; w = 960
    assertArrayEquals(new int[] {256, 960}, DetPreprocess.targetSize(500, 2000, 960, true));
    // 80/32 = 2.5 -> round half to even -> 2 -> 64; 100/32 = 3.125 -> 96
    assertArrayEquals(new int[] {64, 96}, DetPreprocess.targetSize(80, 100, 960, true));
    // never below 32
    assertArrayEquals(new int[] {32, 32}, DetPreprocess.targetSize(10, 10, 960, true));
  }

  @Test
  void detNormalizeUsesBgrPlanesWithImagenetMeanAndStd() {
    // one pixel B=255, G=0, R=51: (1 - 0.485)/0.229, (0 - 0.456)/0.224, (0.2 - 0.406)/0.225
    float[] v = DetPreprocess.normalize(new BgrImage(1, 1, new byte[] {(byte) 255, 0, 51}));
    assertEquals(2.2489083f, v[0], 1e-5);
    assertEquals(-2.0357143f, v[1], 1e-5);
    assertEquals(-0.9155556f, v[2], 1e-5);
  }

  @Test
  void ctcDecodeMergesRepeatsDropsBlanksAndAveragesKeptProbabilities() {
    CtcDecoder d = new CtcDecoder(List.of("a", "b")); // classes: blank, a, b, space
    assertEquals(4, d.classes());
    float[] p = {
        0.05f, 0.90f, 0.03f, 0.02f, // a
        0.10f, 0.80f, 0.05f, 0.05f, // a again: merged
        0.70f, 0.10f, 0.10f, 0.10f, // blank
        0.20f, 0.60f, 0.10f, 0.10f, // a after a blank: kept
        0.20f, 0.20f, 0.10f, 0.50f, // space
        0.30f, 0.20f, 0.40f, 0.10f, // b
    };
    CtcDecoder.Decoded r = d.decode(p, 0, 6);
    assertEquals("aa b", r.text());
    assertEquals((0.9 + 0.6 + 0.5 + 0.4) / 4, r.confidence(), 1e-6);
    assertEquals(new CtcDecoder.Decoded("", 0), d.decode(new float[] {1, 0, 0, 0}, 0, 1));
  }

  @Test
  void dictionaryFileLinesKeepTheirOrderAndTheLastLineNeedsNoNewline(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys.txt");
    Files.write(keys, "x\ny\r\nz".getBytes(StandardCharsets.UTF_8));
    CtcDecoder d = CtcDecoder.fromFile(keys);
    assertEquals(5, d.classes()); // blank + x, y, z + space
    assertEquals("zx y", d.decode(new float[] {0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0}, 0, 4)
        .text());
  }

  @Test
  void sortedBoxesReadTopToBottomThenLeftToRightWithin10Px() {
    Quad a = box(100, 50);
    Quad b = box(10, 55);
    Quad c = box(50, 200);
    Quad d = box(5, 10);
    // (y, x) order D A B C; B is within 10 px of A's line and left of it -> D B A C
    assertEquals(List.of(d, b, a, c), BoxSorter.sort(List.of(a, b, c, d)));
    // the first two boxes swap too (PaddleOCR 2.7+'s range(i, -1, -1))
    Quad e = box(100, 0);
    Quad f = box(10, 5);
    assertEquals(List.of(f, e), BoxSorter.sort(List.of(e, f)));
    // 10 px apart is a new line
    Quad g = box(10, 10);
    assertEquals(List.of(e, g), BoxSorter.sort(List.of(g, e)));
  }

  private static Quad box(double x, double y) {
    return Quad.of(new Pt(x, y), new Pt(x + 20, y), new Pt(x + 20, y + 8), new Pt(x, y + 8));
  }

  @Test
  void minAreaRectFindsTheRotatedSquareAndOrdersCornersLikeGetMiniBoxes() {
    List<Pt> diamond = List.of(new Pt(0, 5), new Pt(5, 0), new Pt(10, 5), new Pt(5, 10), new Pt(5, 5));
    MinAreaRect.MiniBox m = MinAreaRect.miniBox(diamond);
    assertEquals(Math.sqrt(50), m.shortSide(), 1e-9); // not the 10 x 10 axis-aligned box
    assertEquals(new HashSet<>(List.of(new Pt(0, 5), new Pt(5, 0), new Pt(10, 5), new Pt(5, 10))),
        new HashSet<>(m.box().corners().stream().map(p -> new Pt(Math.round(p.x()), Math.round(p.y()))).toList()));
    MinAreaRect.MiniBox r = MinAreaRect.miniBox(List.of(new Pt(29, 45), new Pt(10, 40), new Pt(29, 40),
        new Pt(10, 45), new Pt(20, 42)));
    assertEquals(5, r.shortSide(), 1e-9);
    assertEquals(List.of(new Pt(10, 40), new Pt(29, 40), new Pt(29, 45), new Pt(10, 45)), rounded(r.box()));
  }

  @Test
  void unclipGrowsABoxByAreaTimesRatioOverPerimeterWithClipperRounding() {
    List<Pt> rect = List.of(new Pt(0, 0), new Pt(100, 0), new Pt(100, 10), new Pt(0, 10));
    double d = RoundOffset.unclipDistance(rect, 1.5);
    assertEquals(1000 * 1.5 / 220, d, 1e-12); // 6.818...
    MinAreaRect.MiniBox grown = MinAreaRect.miniBox(RoundOffset.offset(rect, d));
    // -6.818 -> -7, 106.818 -> 107, 16.818 -> 17 (Clipper rounds half away from zero)
    assertEquals(List.of(new Pt(-7, -7), new Pt(107, -7), new Pt(107, 17), new Pt(-7, 17)), rounded(grown.box()));
    // the same for the opposite orientation
    List<Pt> reversed = List.of(rect.get(3), rect.get(2), rect.get(1), rect.get(0));
    assertEquals(rounded(grown.box()), rounded(MinAreaRect.miniBox(RoundOffset.offset(reversed, d)).box()));
  }

  private static List<Pt> rounded(Quad q) {
    return q.corners().stream().map(p -> new Pt(Math.round(p.x()), Math.round(p.y()))).toList();
  }

  @Test
  void dbPostProcessTurnsAProbabilityBlobIntoAGrownScaledBox() {
    int w = 64;
    int h = 32;
    float[] map = new float[w * h];
    fill(map, w, 10, 49, 12, 17, 0.9f); // a 40 x 6 text kernel
    fill(map, w, 2, 3, 2, 3, 0.9f); // 2 x 2: short side 1 < min_size 3
    fill(map, w, 10, 49, 25, 30, 0.35f); // above thresh 0.3 but mean 0.35 < box_thresh 0.6
    List<DbPostProcess.Detection> got = DbPostProcess.boxes(map, w, h, 128, 64, S);
    assertEquals(1, got.size(), got.toString());
    // mini box (10,12)-(49,17): area 39*5 = 195, perimeter 88, d = 3.324 -> (7,9)-(52,20) in map pixels,
    // then x2 to the 128 x 64 source
    assertEquals(List.of(new Pt(14, 18), new Pt(104, 18), new Pt(104, 40), new Pt(14, 40)), got.get(0).box().corners());
    assertEquals(0.9, got.get(0).score(), 1e-6);
  }

  private static void fill(float[] map, int w, int x0, int x1, int y0, int y1, float v) {
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        map[y * w + x] = v;
      }
    }
  }

  @Test
  void boxScoreAveragesInsideThePolygonIncludingItsEdges() {
    int w = 10;
    float[] map = new float[w * w];
    fill(map, w, 0, 9, 0, 4, 1f); // top half 1, bottom half 0
    // box rows 3..6, cols 2..5: rows 3,4 are 1, rows 5,6 are 0 -> 0.5
    assertEquals(0.5, DbPostProcess.boxScoreFast(map, w, w, box(2, 3, 5, 6)), 1e-9);
  }

  private static Quad box(double x0, double y0, double x1, double y1) {
    return Quad.of(new Pt(x0, y0), new Pt(x1, y0), new Pt(x1, y1), new Pt(x0, y1));
  }

  @Test
  void filterTagOrdersCornersClipsAndDropsSlivers() {
    Quad q = DbPostProcess.filterTag(List.of(new Pt(50, 30), new Pt(-4, 2), new Pt(50, 2), new Pt(-4, 30)), 40, 20);
    assertEquals(box(0, 2, 39, 19), q); // clipped to [0, w-1] x [0, h-1]
    assertEquals(null, DbPostProcess.filterTag(List.of(new Pt(0, 0), new Pt(3, 0), new Pt(3, 9), new Pt(0, 9)), 40,
        20)); // width 3 <= 3
  }

  @Test
  void recInputWidthFollowsTheWidestCropOfTheBatch() {
    BgrImage narrow = new BgrImage(100, 20, new byte[100 * 20 * 3]);
    BgrImage wide = new BgrImage(400, 20, new byte[400 * 20 * 3]);
    assertEquals(320, RecPreprocess.recBatchWidth(List.of(narrow), 48, 320)); // int(48 * 320/48)
    assertEquals(960, RecPreprocess.recBatchWidth(List.of(narrow, wide), 48, 320)); // int(48 * 20)
    assertEquals(240, RecPreprocess.resizedWidth(20, 100, 48, 320)); // ceil(48 * 5)
    assertEquals(192, RecPreprocess.resizedWidth(20, 400, 48, 192)); // capped (classifier width)
    FloatTensor t = RecPreprocess.batch(List.of(narrow), 48, 320);
    assertArrayEquals(new long[] {1, 3, 48, 320}, t.shape());
    assertEquals(-1f, t.data()[0]); // black: (0/255 - 0.5)/0.5
    assertEquals(0f, t.data()[319]); // right padding stays 0
  }

  @Test
  void resizeLinearUsesPixelCentresLikeOpenCv() {
    BgrImage row = grey(0, 100, 200, 255);
    // down 4 -> 2: sources at 0.5 and 2.5 -> 50 and 227.5 (rounded 228)
    assertEquals(List.of(50, 228), greys(ImageOps.resizeLinear(row, 2, 1)));
    // up 2 -> 4: sources -0.25 (clamped), 0.25, 0.75, 1.25 (clamped) -> 0, 25, 75, 100
    assertEquals(List.of(0, 25, 75, 100), greys(ImageOps.resizeLinear(grey(0, 100), 4, 1)));
  }

  @Test
  void rot90TurnsCounterClockwiseAndRot180Reverses() {
    BgrImage two = grey(10, 20); // 2 wide, 1 tall: left 10, right 20
    BgrImage turned = ImageOps.rot90(two);
    assertEquals(1, turned.width());
    assertEquals(2, turned.height());
    assertEquals(20, turned.at(0, 0, 0)); // np.rot90: the right column becomes the top row
    assertEquals(10, turned.at(0, 1, 0));
    assertEquals(List.of(20, 10), greys(ImageOps.rot180(two)));
  }

  @Test
  void cropOfAnAxisAlignedBoxCopiesPixelsAndTurnsTallCrops() {
    byte[] px = new byte[8 * 8 * 3];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        for (int c = 0; c < 3; c++) {
          px[(y * 8 + x) * 3 + c] = (byte) (10 * x + y);
        }
      }
    }
    BgrImage img = new BgrImage(8, 8, px);
    BgrImage c = CropExtractor.crop(img, box(2, 1, 6, 3)); // 4 x 2: no turn, pixel (0,0) = source (2,1)
    assertEquals(4, c.width());
    assertEquals(2, c.height());
    assertEquals(21, c.at(0, 0, 0));
    assertEquals(52, c.at(3, 1, 0));
    BgrImage tall = CropExtractor.crop(img, box(1, 0, 3, 6)); // 2 x 6: h/w = 3 >= 1.5 -> turned to 6 x 2
    assertEquals(6, tall.width());
    assertEquals(2, tall.height());
    assertEquals(20, tall.at(0, 0, 0)); // top-left after the turn = source top-right (2, 0)
  }

  private static BgrImage grey(int... v) {
    byte[] px = new byte[v.length * 3];
    for (int i = 0; i < v.length; i++) {
      px[3 * i] = (byte) v[i];
      px[3 * i + 1] = (byte) v[i];
      px[3 * i + 2] = (byte) v[i];
    }
    return new BgrImage(v.length, 1, px);
  }

  private static List<Integer> greys(BgrImage img) {
    return java.util.stream.IntStream.range(0, img.width()).mapToObj(x -> img.at(x, 0, 0)).toList();
  }

  @Test
  void perspectiveTransformMapsTheFourCorners() {
    Pt[] src = {new Pt(0, 0), new Pt(10, 0), new Pt(10, 5), new Pt(0, 5)};
    Pt[] dst = {new Pt(3, 4), new Pt(23, 6), new Pt(22, 16), new Pt(2, 14)};
    double[] m = Homography.between(src, dst);
    for (int i = 0; i < 4; i++) {
      double den = m[6] * src[i].x() + m[7] * src[i].y() + m[8];
      assertEquals(dst[i].x(), (m[0] * src[i].x() + m[1] * src[i].y() + m[2]) / den, 1e-9);
      assertEquals(dst[i].y(), (m[3] * src[i].x() + m[4] * src[i].y() + m[5]) / den, 1e-9);
    }
    assertTrue(m[8] == 1);
  }
}
