package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pearson x 100, Kendall tau-b and tie-calibrated pairwise accuracy on small cases worked out by hand. */
class HumanAgreementTest {
  /**
   * human [1, 2, 2, 3], metric [1, 3, 2, 2]. Pairs: (0,1) con d=2, (0,2) con d=1, (0,3) con d=1, (1,2) human tie
   * d=1, (1,3) dis d=1, (2,3) metric tie d=0. C=3, D=1, ties: human 1, metric 1, both 0, 6 pairs.
   * tau-b = (3-1) / sqrt(6-1) / sqrt(6-1) = 0.4. acc(0) = (0 + 3)/6 = 0.5; acc(1) = (1 + 1)/6; acc(2) = 1/6:
   * best 0.5 at threshold 0.
   */
  @Test
  void tiesOnBothSides() {
    double[] h = {1, 2, 2, 3};
    double[] m = {1, 3, 2, 2};
    assertEquals(0.4, HumanAgreement.kendallTauB(h, m), 1e-12);
    HumanAgreement.Pairwise p = HumanAgreement.pairwiseAccuracy(h, m);
    assertEquals(0.5, p.accuracy(), 1e-12);
    assertEquals(0.0, p.threshold());
    // Pearson: means 2 and 2; deviations h (-1,0,0,1), m (-1,1,0,0): cov 1, var 2 and 2 -> r = 0.5 -> 50
    assertEquals(50.0, HumanAgreement.pearson100(h, m), 1e-9);
  }

  /**
   * human [1, 1, 1, 2], metric [0, 0.5, 1, 4]: three human-tied pairs with metric differences 0.5, 1, 0.5 and three
   * concordant pairs with differences 4, 3.5, 3. acc(0) = 3/6, acc(0.5) = (2 + 3)/6, acc(1) = (3 + 3)/6 = 1:
   * the calibration turns the metric's small differences into ties, threshold 1. tau-b = 3 / sqrt(6) / sqrt(6-3).
   */
  @Test
  void tieCalibrationFindsTheThreshold() {
    double[] h = {1, 1, 1, 2};
    double[] m = {0, 0.5, 1, 4};
    HumanAgreement.Pairwise p = HumanAgreement.pairwiseAccuracy(h, m);
    assertEquals(1.0, p.accuracy(), 1e-12);
    assertEquals(1.0, p.threshold());
    assertEquals(3 / Math.sqrt(6) / Math.sqrt(3), HumanAgreement.kendallTauB(h, m), 1e-12);
    // deviations h (-.25,-.25,-.25,.75), m (-1.375,-.875,-.375,2.625): cov-sum 2.625, ss 0.75 and 9.6875
    assertEquals(100 * 2.625 / Math.sqrt(0.75 * 9.6875), HumanAgreement.pearson100(h, m), 1e-9);
  }

  /** The first maximum wins (np.nanargmax): here acc(0) = acc(1) = 2/3, so the threshold stays 0. */
  @Test
  void theFirstMaximumWins() {
    double[] h = {1, 1, 2};
    double[] m = {0, 1, 5};
    // pairs: (0,1) human tie d=1, (0,2) con d=5, (1,2) con d=4. acc(0) = 2/3, acc(1) = (1+2)/3 = 1 -> threshold 1
    assertEquals(1.0, HumanAgreement.pairwiseAccuracy(h, m).accuracy(), 1e-12);
    double[] h2 = {1, 1, 2, 3};
    double[] m2 = {0, 2, 1, 3};
    // (0,1) tie d=2; (0,2) con d=1; (0,3) con d=3; (1,2) dis d=1; (1,3) con d=1; (2,3) con d=2.
    // acc(0) = 4/6; acc(1) = (0 + 2)/6; acc(2) = (1 + 1)/6; acc(3) = 1/6 -> 4/6 at 0
    HumanAgreement.Pairwise p = HumanAgreement.pairwiseAccuracy(h2, m2);
    assertEquals(4.0 / 6, p.accuracy(), 1e-12);
    assertEquals(0.0, p.threshold());
  }

  @Test
  void allTiedOnOneSideIsNaNAsTheOfficialCode() {
    assertTrue(Double.isNaN(HumanAgreement.kendallTauB(new double[] {2, 2, 2}, new double[] {1, 2, 3})));
    assertEquals(null, HumanAgreement.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}).get("kendall_tau_b"));
  }
}
