package org.irgeval.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values for a family of tests (benchmarks, categories): the i-th smallest p is
 * multiplied by (m - i), made monotone, capped at 1. Controls the family-wise error rate without assuming
 * independence.
 */
public final class Holm {
  private Holm() {}

  /** Adjusted p-values, in the input's order. NaN entries stay NaN and do not count in m. */
  public static double[] adjust(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      order[i] = i;
      m += Double.isNaN(p[i]) ? 0 : 1;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
