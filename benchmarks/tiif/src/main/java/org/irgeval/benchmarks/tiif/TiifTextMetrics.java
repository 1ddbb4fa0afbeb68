package org.irgeval.benchmarks.tiif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supplementary text-rendering metrics of A113N-W3I/TIIF-Bench@3aae750 {@code eval/cal_gned_and_recall_models.py}
 * (docs/tiif.md section 5), for images of the {@code text} type. Reported beside the 9-group overall, never in it.
 * <ul>
 *   <li>NED (l.6-28): Levenshtein distance with unit costs over code points / max(len1, len2); 0 for two empty
 *       strings.</li>
 *   <li>GNED (l.62-84): OCR strings lower-cased and split on single spaces (empty tokens kept; no OCR text = one
 *       empty token, l.96-105); minimum-cost one-to-one matching of tokens and ground-truth words on NED
 *       ({@code scipy.optimize.linear_sum_assignment}); (sum of matched NED + |n_test - n_gt|) / max(n_test, n_gt).
 *       Lower is better.</li>
 *   <li>Recall (l.30-60): greedy in ground-truth order, each word takes the first unused token with NED <= 0.3;
 *       true positives / ground-truth words.</li>
 * </ul>
 */
public final class TiifTextMetrics {
  /** calculate_recall's threshold (l.45: {@code if ned <= 0.3}). */
  static final double RECALL_NED = 0.3;
  /** The official text questions: "Is the text 'drink' in the image?". */
  private static final Pattern TEXT_QUESTION = Pattern.compile("(?i)^\\s*is the text '(.*)' in the image\\?\\s*$");

  private TiifTextMetrics() {}

  /**
   * The ground-truth words of a {@code text} prompt: the words its questions ask for, lower-cased (l.106). The
   * official script takes them from a hand-made "text" list of the prompt's quoted words (README l.114-122); the
   * questions carry the same words, one per question, and exist for every prompt.
   */
  static List<String> groundTruth(List<String> questions) {
    List<String> out = new ArrayList<>();
    for (String q : questions) {
      Matcher m = TEXT_QUESTION.matcher(q);
      if (m.matches()) {
        out.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The test tokens of a set of OCR strings (collect_data l.96-105, then the {@code split(" ")} of l.63-66). */
  static List<String> tokens(List<String> ocrTexts) {
    List<String> texts = ocrTexts.isEmpty() ? List.of("") : ocrTexts;
    List<String> out = new ArrayList<>();
    for (String t : texts) {
      out.addAll(Arrays.asList(t.toLowerCase(Locale.ROOT).split(" ", -1)));
    }
    return out;
  }

  static double ned(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    if (x.length == 0 && y.length == 0) {
      return 0;
    }
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return (double) prev[y.length] / Math.max(x.length, y.length);
  }

  /** matching_based_nled (l.62-84); 0 when both lists are empty. */
  static double gned(List<String> test, List<String> gt) {
    if (test.isEmpty() && gt.isEmpty()) {
      return 0;
    }
    double matched = 0;
    if (!test.isEmpty() && !gt.isEmpty()) {
      double[][] c = new double[test.size()][gt.size()];
      for (int i = 0; i < test.size(); i++) {
        for (int j = 0; j < gt.size(); j++) {
          c[i][j] = ned(test.get(i), gt.get(j));
        }
      }
      matched = Assignment.minCost(c);
    }
    return (matched + Math.abs(test.size() - gt.size())) / Math.max(test.size(), gt.size());
  }

  /** calculate_recall (l.30-60); NaN without ground-truth words (the official script divides by zero). */
  static double recall(List<String> test, List<String> gt) {
    if (gt.isEmpty()) {
      return Double.NaN;
    }
    boolean[] used = new boolean[test.size()];
    int tp = 0;
    for (String g : gt) {
      for (int i = 0; i < test.size(); i++) {
        if (!used[i] && ned(test.get(i), g) <= RECALL_NED) {
          used[i] = true;
          tp++;
          break;
        }
      }
    }
    return (double) tp / gt.size();
  }

  /**
   * Minimum-cost assignment of a rectangular cost matrix (what scipy's linear_sum_assignment computes): the
   * Hungarian method with potentials, O(n^2 m), rows matched to distinct columns after transposing so rows <= columns.
   */
  static final class Assignment {
    private Assignment() {}

    static double minCost(double[][] cost) {
      double[][] a = cost.length <= cost[0].length ? cost : transpose(cost);
      int n = a.length;
      int m = a[0].length;
      double[] u = new double[n + 1];
      double[] v = new double[m + 1];
      int[] p = new int[m + 1];
      int[] way = new int[m + 1];
      for (int i = 1; i <= n; i++) {
        p[0] = i;
        int j0 = 0;
        double[] minv = new double[m + 1];
        Arrays.fill(minv, Double.POSITIVE_INFINITY);
        boolean[] used = new boolean[m + 1];
        do {
          used[j0] = true;
          int i0 = p[j0];
          double delta = Double.POSITIVE_INFINITY;
          int j1 = 0;
          for (int j = 1; j <= m; j++) {
            if (!used[j]) {
              double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
              if (cur < minv[j]) {
                minv[j] = cur;
                way[j] = j0;
              }
              if (minv[j] < delta) {
                delta = minv[j];
                j1 = j;
              }
            }
          }
          for (int j = 0; j <= m; j++) {
            if (used[j]) {
              u[p[j]] += delta;
              v[j] -= delta;
            } else {
              minv[j] -= delta;
            }
          }
          j0 = j1;
        } while (p[j0] != 0);
        do {
          int j1 = way[j0];
          p[j0] = p[j1];
          j0 = j1;
        } while (j0 != 0);
      }
      double total = 0;
      for (int j = 1; j <= m; j++) {
        if (p[j] != 0) {
          total += a[p[j] - 1][j - 1];
        }
      }
      return total;
    }

    private static double[][] transpose(double[][] c) {
      double[][] t = new double[c[0].length][c.length];
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c[0].length; j++) {
          t[j][i] = c[i][j];
        }
      }
      return t;
    }
  }
}
