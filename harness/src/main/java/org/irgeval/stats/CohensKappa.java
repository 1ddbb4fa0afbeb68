package org.irgeval.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cohen's kappa of two raters' labels on the same items: (p_o - p_e) / (1 - p_e), with p_o the share of items
 * both label alike and p_e the agreement expected from each rater's label frequencies. 1 when p_e = 1 and they
 * agree on everything (a degenerate single-label case), NaN for no items.
 */
public final class CohensKappa {
  private CohensKappa() {}

  public static double of(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("two raters need the same items: " + a.size() + " vs " + b.size());
    }
    int n = a.size();
    if (n == 0) {
      return Double.NaN;
    }
    Map<String, int[]> counts = new TreeMap<>();
    int agree = 0;
    for (int i = 0; i < n; i++) {
      agree += a.get(i).equals(b.get(i)) ? 1 : 0;
      counts.computeIfAbsent(a.get(i), k -> new int[2])[0]++;
      counts.computeIfAbsent(b.get(i), k -> new int[2])[1]++;
    }
    double po = (double) agree / n;
    double pe = 0;
    for (int[] c : counts.values()) {
      pe += ((double) c[0] / n) * ((double) c[1] / n);
    }
    return pe == 1 ? (po == 1 ? 1 : Double.NaN) : (po - pe) / (1 - pe);
  }
}
