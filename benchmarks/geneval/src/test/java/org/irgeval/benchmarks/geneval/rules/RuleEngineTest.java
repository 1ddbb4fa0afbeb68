package org.irgeval.benchmarks.geneval.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule of evaluate_images.py l.140-244 on hand-computed cases. Class list: index 0 "cat", 1 "dog",
 * 2 "clock", 3 "fire hydrant".
 */
class RuleEngineTest {
  static final List<String> CLASSES = List.of("cat", "dog", "clock", "fire hydrant");
  final RuleEngine engine = new RuleEngine(RuleConfig.OFFICIAL);
  static final ColorClassifier NO_COLORS = (cls, objs) -> {
    throw new AssertionError("colour must not be asked");
  };

  static Detection box(float x1, float y1, float x2, float y2, float score) {
    return new Detection(x1, y1, x2, y2, score);
  }

  /** raw detections: class index -> rows */
  static List<List<Detection>> raw(Map<Integer, List<Detection>> rows) {
    List<List<Detection>> out = new ArrayList<>();
    for (int c = 0; c < CLASSES.size(); c++) {
      out.add(rows.getOrDefault(c, List.of()));
    }
    return out;
  }

  static Spec position(String relation) {
    // like the official position lines: include[0] = B (target), include[1] = A with position [rel, 0]
    return new Spec("position", "a photo of a dog " + relation + " a cat",
        List.of(new Spec.Include("cat", 1, null, null, -1), new Spec.Include("dog", 1, null, relation, 0)), List.of());
  }

  Verdict pos(String relation, Detection cat, Detection dog) throws Exception {
    return engine.score(position(relation), CLASSES, raw(Map.of(0, List.of(cat), 1, List.of(dog))), NO_COLORS);
  }

  @Test
  void positionExactlyAtTheMarginHasNoRelation() throws Exception {
    // cat centre x 5, dog centre x 7: offset 2; margin 0.1f*(10+10) = 2.0f -> revised 0 in x and y -> {} (l.148)
    Verdict v = pos("right of", box(0, 0, 10, 10, 0.9f), box(2, 0, 12, 10, 0.9f));
    assertFalse(v.correct());
    assertEquals("expected dog right of target, found  target", v.reason());
  }

  @Test
  void normalisedOffsetMustExceedHalf() throws Exception {
    // offset 4: revised 4-2 = 2, dx = 2/4 = 0.5, not > 0.5 (l.154)
    assertFalse(pos("right of", box(0, 0, 10, 10, 0.9f), box(4, 0, 14, 10, 0.9f)).correct());
    // offset 5: revised 3, dx = 0.6 > 0.5
    Verdict v = pos("right of", box(0, 0, 10, 10, 0.9f), box(5, 0, 15, 10, 0.9f));
    assertTrue(v.correct(), v.reason());
    assertEquals("", v.reason());
    // and the mirrored case is "left of" (dx = -0.6 < -0.5)
    assertTrue(pos("left of", box(5, 0, 15, 10, 0.9f), box(0, 0, 10, 10, 0.9f)).correct());
  }

  @Test
  void diagonalOffsetsAreNormalisedByTheOriginalNorm() throws Exception {
    Relations r = new Relations(0.1f);
    Detection b = box(0, 0, 10, 10, 1f);
    // offset (5,5): revised (3,3) / sqrt(50) = 0.424 each: no relation at all
    assertEquals(List.of(), r.of(box(5, 5, 15, 15, 1f), b));
    // offset (10,5): revised (8,3) / 11.18 = (0.716, 0.268): right of only
    assertEquals(List.of("right of"), r.of(box(10, 5, 20, 15, 1f), b));
    // offset (10,10): revised (8,8) / 14.14 = 0.566 each; y grows downwards, so "below"
    assertEquals(List.of("right of", "below"), r.of(box(10, 10, 20, 20, 1f), b));
    assertEquals(List.of("left of", "above"), r.of(b, box(10, 10, 20, 20, 1f)));
    Verdict v = pos("above", b, box(10, 10, 20, 20, 0.9f));
    assertEquals("expected dog above target, found right of and below target", v.reason());
  }

  @Test
  void revisedOffsetsBelowOneThousandthGiveNoRelation() {
    Relations r = new Relations(0.1f);
    // zero-size boxes: margin 0, so revised = offset; 2^-10 = 0.000977 < 1e-3 -> {} although dx would be 1
    float tiny = 0x1p-10f;
    assertEquals(List.of(), r.of(box(tiny, 0, tiny, 0, 1f), box(0, 0, 0, 0, 1f)));
    // 2^-9 = 0.00195 > 1e-3 -> dx = 1 -> right of
    assertEquals(List.of("right of"), r.of(box(0x1p-9f, 0, 0x1p-9f, 0, 1f), box(0, 0, 0, 0, 1f)));
  }

  @Test
  void countingUsesPointNineStrictly() throws Exception {
    Spec two = new Spec("counting", "a photo of two clocks", List.of(new Spec.Include("clock", 2, null, null, -1)),
        List.of(new Spec.Exclude("clock", 3)));
    // 0.9f is not > 0.9f: kept = {0.95, 0.91} -> exactly two -> correct
    List<Detection> rows = new ArrayList<>(List.of(box(0, 0, 5, 5, 0.95f), box(10, 0, 15, 5, 0.9f),
        box(20, 0, 25, 5, 0.91f), box(30, 0, 35, 5, 0.5f)));
    Verdict v = engine.score(two, CLASSES, raw(Map.of(2, rows)), NO_COLORS);
    assertTrue(v.correct(), v.reason());
    assertEquals(List.of(0.95f, 0.91f), v.kept().get("clock").stream().map(Detection::score).toList());
    // one ulp above 0.9f is kept -> three clocks -> the exclude fires
    rows.add(box(40, 0, 45, 5, Math.nextUp(0.9f)));
    v = engine.score(two, CLASSES, raw(Map.of(2, rows)), NO_COLORS);
    assertFalse(v.correct());
    assertEquals("expected clock<3, found 3", v.reason());
  }

  @Test
  void otherTagsUsePointThreeStrictlyInFloat32() throws Exception {
    Spec one = new Spec("single_object", "a photo of a clock", List.of(new Spec.Include("clock", 1, null, null, -1)),
        List.of());
    // 0.3f (0.30000001) is not above float32(0.3): in double arithmetic it would have been kept
    Verdict v = engine.score(one, CLASSES, raw(Map.of(2, List.of(box(0, 0, 5, 5, 0.3f)))), NO_COLORS);
    assertFalse(v.correct());
    assertEquals("expected clock>=1, found 0", v.reason());
    assertTrue(v.kept().isEmpty());
    v = engine.score(one, CLASSES, raw(Map.of(2, List.of(box(0, 0, 5, 5, Math.nextUp(0.3f))))), NO_COLORS);
    assertTrue(v.correct());
  }

  @Test
  void excludeCountsDuplicatesBecauseNmsIsOff() throws Exception {
    Spec two = new Spec("counting", "a photo of two cats", List.of(new Spec.Include("cat", 2, null, null, -1)),
        List.of(new Spec.Exclude("cat", 3)));
    Detection same = box(0, 0, 50, 50, 0.97f);
    Verdict v = engine.score(two, CLASSES, raw(Map.of(0, List.of(same, same, same))), NO_COLORS);
    assertFalse(v.correct());
    assertEquals("expected cat<3, found 3", v.reason());
    // with NMS on (max_overlap 0.5) the duplicates collapse into one, and the include fails instead
    RuleEngine nms = new RuleEngine(new RuleConfig(0.3f, 0.9f, 16, 0.5f, 0.1f));
    v = nms.score(two, CLASSES, raw(Map.of(0, List.of(same, same, same))), NO_COLORS);
    assertEquals("expected cat>=2, found 1", v.reason());
  }

  @Test
  void iouUsesThePlusOneAreaConvention() {
    // [0,0,9,9] and [5,0,14,9]: areas 10*10 = 100 each, intersection [5,0,9,9] = 5*10 = 50, union 150
    assertEquals(1f / 3f, DetectionFilter.iou(box(0, 0, 9, 9, 1f), box(5, 0, 14, 9, 1f)), 1e-7f);
    // disjoint: intersection width max(4-6+1, 0) = 0
    assertEquals(0f, DetectionFilter.iou(box(0, 0, 4, 4, 1f), box(6, 0, 9, 4, 1f)));
  }

  @Test
  void atMostSixteenPerClassHighestFirstTiesToTheLaterRow() throws Exception {
    List<Detection> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(box(i, 0, i + 1, 1, 0.40f + 0.01f * i));
    }
    Detection tieA = box(100, 0, 101, 1, 0.99f);
    Detection tieB = box(200, 0, 201, 1, 0.99f);
    rows.add(tieA);
    rows.add(tieB);
    Spec one = new Spec("single_object", "a photo of a cat", List.of(new Spec.Include("cat", 1, null, null, -1)),
        List.of());
    Verdict v = engine.score(one, CLASSES, raw(Map.of(0, rows)), NO_COLORS);
    List<Detection> kept = v.kept().get("cat");
    assertEquals(16, kept.size());
    assertEquals(tieB, kept.get(0)); // argsort(...)[::-1]: equal scores, the later row first
    assertEquals(tieA, kept.get(1));
    assertEquals(0.40f + 0.01f * 6, kept.get(15).score()); // rows 19..6 follow; 5..0 are cut
  }

  @Test
  void colourIsCheckedOnlyOnTheTopCountDetections() throws Exception {
    Spec blue = new Spec("colors", "a photo of a blue fire hydrant",
        List.of(new Spec.Include("fire hydrant", 1, "blue", null, -1)), List.of());
    Detection lowRed = box(0, 0, 5, 5, 0.8f);
    Detection highBlue = box(10, 0, 15, 5, 0.95f);
    List<List<Detection>> asked = new ArrayList<>();
    ColorClassifier colors = (cls, objs) -> {
      asked.add(List.copyOf(objs));
      return objs.stream().map(d -> d == highBlue ? "blue" : "red").toList();
    };
    Verdict v = engine.score(blue, CLASSES, raw(Map.of(3, List.of(lowRed, highBlue))), colors);
    assertTrue(v.correct(), v.reason());
    assertEquals(List.of(List.of(highBlue)), asked);
    // the most confident one is red: fails although a blue one was detected
    Detection highRed = box(20, 0, 25, 5, 0.97f);
    v = engine.score(blue, CLASSES, raw(Map.of(3, List.of(highRed, highBlue))),
        (cls, objs) -> objs.stream().map(d -> d == highBlue ? "blue" : "red").toList());
    assertFalse(v.correct());
    assertEquals("expected blue fire hydrant>=1, found 0 blue; and 1 red", v.reason());
  }

  @Test
  void colourReasonListsCountsInOfficialColourOrder() throws Exception {
    Spec three = new Spec("colors", "x", List.of(new Spec.Include("cat", 3, "white", null, -1)), List.of());
    List<Detection> cats = List.of(box(0, 0, 1, 1, 0.9f), box(1, 0, 2, 1, 0.8f), box(2, 0, 3, 1, 0.7f));
    Verdict v = engine.score(three, CLASSES, raw(Map.of(0, cats)), (cls, objs) -> List.of("white", "black", "red"));
    assertEquals("expected white cat>=3, found 1 white; and 1 red, 1 black, 1 white", v.reason());
  }

  @Test
  void positionIsCheckedOnlyWhenTheColourPassed() throws Exception {
    // dog must be red AND left of the cat; it is blue AND right of the cat: only the colour reason is given
    Spec spec = new Spec("color_attr", "x", List.of(new Spec.Include("cat", 1, null, null, -1),
        new Spec.Include("dog", 1, "red", "left of", 0)), List.of());
    Verdict v = engine.score(spec, CLASSES,
        raw(Map.of(0, List.of(box(0, 0, 10, 10, 0.9f)), 1, List.of(box(50, 0, 60, 10, 0.9f)))),
        (cls, objs) -> List.of("blue"));
    assertFalse(v.correct());
    assertEquals("expected red dog>=1, found 0 red; and 1 blue", v.reason());
    // red and right of: now the position reason appears
    v = engine.score(spec, CLASSES,
        raw(Map.of(0, List.of(box(0, 0, 10, 10, 0.9f)), 1, List.of(box(50, 0, 60, 10, 0.9f)))),
        (cls, objs) -> List.of("red"));
    assertEquals("expected dog left of target, found right of target", v.reason());
  }

  @Test
  void missingTargetGroupGivesNoTargetReason() throws Exception {
    Verdict v = engine.score(position("left of"), CLASSES, raw(Map.of(1, List.of(box(0, 0, 10, 10, 0.9f)))),
        NO_COLORS);
    assertFalse(v.correct());
    assertEquals("expected cat>=1, found 0\nno target for dog to be left of", v.reason());
  }

  @Test
  void positionUsesTheTopDetectionsOnly() throws Exception {
    // two dogs: the top one (0.95) is left of the cat, a weaker one right of it; count 1 -> only the top counts
    Verdict v = engine.score(position("left of"), CLASSES, raw(Map.of(0, List.of(box(50, 0, 60, 10, 0.9f)),
        1, List.of(box(100, 0, 110, 10, 0.5f), box(0, 0, 10, 10, 0.95f)))), NO_COLORS);
    assertTrue(v.correct(), v.reason());
  }
}
