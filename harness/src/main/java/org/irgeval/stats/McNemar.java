package org.irgeval.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's test for paired binary outcomes (the same images or prompts right/wrong under two runs or variants),
 * exact form: under "no difference" the discordant pairs split as Binomial(b + c, 1/2), and the two-sided p-value
 * is min(1, 2 P(X <= min(b, c))). Exact rather than the chi-square approximation because per-category discordant
 * counts are often small.
 *
 * @param onlyA pairs right under A and wrong under B (b)
 * @param onlyB pairs wrong under A and right under B (c)
 */
public record McNemar(int onlyA, int onlyB) {
  public McNemar {
    if (onlyA < 0 || onlyB < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  public double pValue() {
    int n = onlyA + onlyB;
    if (n == 0) {
      return 1.0;
    }
    return Math.min(1.0, 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(onlyA, onlyB)));
  }
}
