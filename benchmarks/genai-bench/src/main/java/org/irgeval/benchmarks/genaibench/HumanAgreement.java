package org.irgeval.benchmarks.genaibench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Agreement of metric scores with human ratings, as GenAI-Bench's {@code genai_image_eval.py} prints it
 * (linzhiqiu/t2v_metrics@6ecb74f dataset.py {@code GenAIBench_Image.correlation} l.1320-1335, over all rated
 * images in {@code evaluate_scores} l.1337-1346 and per tag in {@code evaluate_scores_per_skill} l.1348-1374).
 *
 * <ul>
 *   <li>Pearson x 100: {@code 100*np.corrcoef(human, metric)[0, 1]} (dataset.py l.14-16); Commons Math's
 *       {@link PearsonsCorrelation} (same sample formula).</li>
 *   <li>Kendall tau-b with exact ties: {@code KendallVariants(variant="b", epsilon=0)} (dataset.py l.23-66,
 *       l.135-136: {@code (con - dis) / sqrt(tot - xtie) / sqrt(tot - ytie)}, NaN when either side is all
 *       ties, l.132-133); Commons Math's {@link KendallsCorrelation} is tau-b with the same tie terms.</li>
 *   <li>Pairwise accuracy with tie calibration: {@code tau_optimization(..., TauSufficientStats.acc_23)}
 *       (tau_optimization.py l.69-70, l.203-299; called by dataset.py l.164-167), returning
 *       {@code (best_tau, best_threshold)}. Port below ({@link #pairwiseAccuracy}).</li>
 * </ul>
 */
final class HumanAgreement {
  private HumanAgreement() {}

  /** Pairwise accuracy and the metric-difference threshold under which metric pairs count as ties. */
  record Pairwise(double accuracy, double threshold) {}

  /** 100 x Pearson's r of (human, metric); NaN with fewer than 2 points or a constant side. */
  static double pearson100(double[] human, double[] metric) {
    if (human.length < 2) {
      return Double.NaN;
    }
    return 100 * new PearsonsCorrelation().correlation(human, metric);
  }

  /** Kendall tau-b with exact ties; NaN when every pair is tied on one side (dataset.py l.132-133). */
  static double kendallTauB(double[] human, double[] metric) {
    if (human.length < 2 || allEqual(human) || allEqual(metric)) {
      return Double.NaN;
    }
    return new KendallsCorrelation().correlation(metric, human);
  }

  /**
   * tau_optimization with acc_23 on one row (tau_optimization.py l.203-299). Every pair is classified once
   * (l.148-169): when the metric difference {@code |m1 - m2|} is at most the threshold the pair counts as a metric
   * tie, which is correct (ties_both) exactly when the humans tie too; otherwise it is correct when concordant.
   * So acc(t) = (#{human tie, diff <= t} + #{concordant, diff > t}) / #pairs, evaluated at t = 0 (l.268-270) and at
   * every distinct pair difference (l.272-293), and the first maximum is returned (np.nanargmax, l.296-298).
   * Between two differences that carry a human-tied pair acc only falls, so the first maximum lies at 0 or at the
   * difference of a human-tied pair: those are the only thresholds evaluated here (same result, O(n^2) pairs
   * without materialising every threshold).
   */
  static Pairwise pairwiseAccuracy(double[] human, double[] metric) {
    int n = human.length;
    long pairs = (long) n * (n - 1) / 2;
    if (pairs == 0) {
      return new Pairwise(Double.NaN, 0.0);
    }
    int nTie = 0;
    int nCon = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (human[i] == human[j]) {
          nTie++;
        } else if (concordant(human[i], human[j], metric[i], metric[j])) {
          nCon++;
        }
      }
    }
    double[] tieDiffs = new double[nTie];
    double[] conDiffs = new double[nCon];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = Math.abs(metric[i] - metric[j]);
        if (human[i] == human[j]) {
          tieDiffs[a++] = d;
        } else if (concordant(human[i], human[j], metric[i], metric[j])) {
          conDiffs[b++] = d;
        }
      }
    }
    Arrays.sort(tieDiffs);
    Arrays.sort(conDiffs);
    // Threshold 0: pairs with diff 0 are metric ties already (l.153-158), the same as "diff <= 0".
    long best = upTo(tieDiffs, 0.0) + (nCon - upTo(conDiffs, 0.0));
    double bestT = 0.0;
    for (int k = 0; k < tieDiffs.length; k++) {
      double t = tieDiffs[k];
      if (t == 0.0 || (k + 1 < tieDiffs.length && tieDiffs[k + 1] == t)) {
        continue; // evaluate each distinct difference once, after all its pairs flipped (l.289-290)
      }
      long v = (k + 1) + (nCon - upTo(conDiffs, t));
      if (v > best) {
        best = v;
        bestT = t;
      }
    }
    return new Pairwise((double) best / pairs, bestT);
  }

  /** Strictly concordant: both differences non-zero with the same sign (l.159-160). */
  private static boolean concordant(double h1, double h2, double m1, double m2) {
    return (h1 > h2 && m1 > m2) || (h1 < h2 && m1 < m2);
  }

  /** How many sorted values are <= t. */
  private static int upTo(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean allEqual(double[] x) {
    for (double v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }

  /** The four numbers of one group, as {@code extra.human_agreement} holds them (NaN written as null). */
  static Map<String, Object> of(double[] human, double[] metric) {
    Map<String, Object> m = new LinkedHashMap<>();
    Pairwise p = pairwiseAccuracy(human, metric);
    m.put("n_images", human.length);
    m.put("pearson", finite(pearson100(human, metric)));
    m.put("kendall_tau_b", finite(kendallTauB(human, metric)));
    m.put("pairwise_accuracy", finite(p.accuracy()));
    m.put("pairwise_threshold", p.threshold());
    return m;
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
