package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/** P(Yes) from arbitrary top logprobs (docs/fuzzing.md): never throws, always a probability. */
class YesProbabilityFuzzTest {
  private static final String[] TOKENS = {"Yes", " yes", "YES", "yes.", "No", " no", "NO", "maybe", "", " ", "Ye", "s",
      "\u00a0yes", "yes\n", "<|eot|>"};

  @Property(seed = "2204", shrinking = ShrinkingMode.OFF)
  void everyRuleGivesAProbability(@ForAll long seed) {
    Random rnd = new Random(seed);
    Map<String, Double> top = new LinkedHashMap<>();
    int n = rnd.nextInt(21);
    for (int i = 0; i < n; i++) {
      double lp = switch (rnd.nextInt(6)) {
        case 0 -> Double.NEGATIVE_INFINITY;
        case 1 -> 0.0;
        case 2 -> -1e-9;
        default -> -rnd.nextDouble() * 30;
      };
      top.put(TOKENS[rnd.nextInt(TOKENS.length)] + (rnd.nextInt(5) == 0 ? i : ""), lp);
    }
    for (String id : YesProbability.ids()) {
      double p = YesProbability.byId(id).orElseThrow().apply(top).p();
      assertTrue(p >= 0 && p <= 1 && !Double.isNaN(p), id + ": " + p + " for " + top);
    }
  }
}
