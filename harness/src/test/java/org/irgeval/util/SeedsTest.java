package org.irgeval.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void seedsDependOnlyOnRunBenchmarkPromptAndSample() {
    long s = Seeds.derive(42, "geneval", "00012", 2);
    assertEquals(s, Seeds.derive(42, "geneval", "00012", 2));
    assertNotEquals(s, Seeds.derive(42, "geneval", "00012", 3));
    assertNotEquals(s, Seeds.derive(43, "geneval", "00012", 2));
    assertNotEquals(s, Seeds.derive(42, "wise", "00012", 2));
    // No ambiguity between ("ab","c") and ("a","bc"): fields are separated.
    assertNotEquals(Seeds.derive(1, "ab", "c", 0), Seeds.derive(1, "a", "bc", 0));
    assertTrue(s >= 0 && s < (1L << 31));
  }
}
