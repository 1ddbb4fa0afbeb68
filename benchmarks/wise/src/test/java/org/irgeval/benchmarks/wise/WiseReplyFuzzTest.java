package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.StringLength;

/**
 * The WISE reply parser on arbitrary judge replies (docs/fuzzing.md): never throws; a legacy value is one digit, as
 * the official {@code (\d)} reads it (gpt_eval.py l.57; out-of-scale digits are the official behaviour too), and a
 * Verified score is 0 or 1.
 */
class WiseReplyFuzzTest {
  @Property(seed = "2201", shrinking = ShrinkingMode.OFF)
  void anyReplyParsesToScoresInRangeOrNothing(@ForAll @StringLength(max = 300) String reply) {
    check(reply);
    check("Consistency: " + reply + "\nRealism: 1\n" + reply + "Aesthetic Quality：2 " + reply);
  }

  private static void check(String reply) {
    Map<String, Double> l = WiseReplyParser.legacy(reply);
    l.forEach((k, v) -> assertTrue(WiseReplyParser.LEGACY_KEYS.contains(k) && v >= 0 && v <= 9 && v == Math.rint(v),
        k + "=" + v));
    Map<String, Double> v = WiseReplyParser.verified(WiseReplyParser.stripThink(reply));
    v.values().forEach(x -> assertTrue(x == 0 || x == 1, "verified score " + x));
  }
}
