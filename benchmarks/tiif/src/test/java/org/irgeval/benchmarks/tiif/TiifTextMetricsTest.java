package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** cal_gned_and_recall_models.py on hand-computed cases. */
class TiifTextMetricsTest {
  @Test
  void nedIsLevenshteinOverTheLongerLength() {
    assertEquals(0.0, TiifTextMetrics.ned("", ""));
    assertEquals(1.0, TiifTextMetrics.ned("", "ab"));
    assertEquals(1.0 / 3, TiifTextMetrics.ned("cat", "cut"), 1e-15);
    assertEquals(3.0 / 7, TiifTextMetrics.ned("kitten", "sitting"), 1e-15); // 3 edits / 7
  }

  @Test
  void gnedMatchesTokensOptimallyAndChargesTheCountDifference() {
    // test: "drink tea" -> [drink, tea]; gt [tea, drink, cake]: tea-tea 0, drink-drink 0, + |2 - 3| = 1 -> 1/3
    assertEquals(1.0 / 3, TiifTextMetrics.gned(TiifTextMetrics.tokens(List.of("DRINK tea")),
        List.of("tea", "drink", "cake")), 1e-15);
    // no OCR text = one empty token: NED("", "tea") = 1 -> (1 + 0) / 1 = 1
    assertEquals(1.0, TiifTextMetrics.gned(TiifTextMetrics.tokens(List.of()), List.of("tea")));
    // a double space keeps an empty token: [a, "", b] vs [a, b] -> 0 + 0 + |3 - 2| -> 1/3
    assertEquals(1.0 / 3, TiifTextMetrics.gned(TiifTextMetrics.tokens(List.of("a  b")), List.of("a", "b")), 1e-15);
    // greedy would pair "cart"-"cat" (0.25) first; the optimum is cart-car (0.25) + cat-cat (0): 0.25 / 2
    assertEquals(0.125, TiifTextMetrics.gned(List.of("cart", "cat"), List.of("cat", "car")), 1e-15);
  }

  @Test
  void recallIsGreedyInGroundTruthOrderWithNedAtMostPointThree() {
    // "drinc" vs "drink": NED 1/5 = 0.2 <= 0.3; "te" vs "tea": 1/3 > 0.3
    assertEquals(0.5, TiifTextMetrics.recall(List.of("drinc", "te"), List.of("drink", "tea")));
    // one token serves one word only
    assertEquals(0.5, TiifTextMetrics.recall(List.of("tea"), List.of("tea", "tea")));
    assertTrue(Double.isNaN(TiifTextMetrics.recall(List.of("x"), List.of())));
  }

  @Test
  void groundTruthIsTheQuotedWordOfEachTextQuestion() {
    assertEquals(List.of("drink", "ice cream"), TiifTextMetrics.groundTruth(List.of("Is the text 'Drink' in the image?",
        "Is the text 'ice cream' in the image?  ", "Is the image colourful?")));
  }

  @Test
  void assignmentAgreesWithBruteForceOnRandomRectangles() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(5);
      int m = 1 + rnd.nextInt(5);
      double[][] c = new double[n][m];
      for (double[] row : c) {
        for (int j = 0; j < m; j++) {
          row[j] = rnd.nextInt(10) / 10.0;
        }
      }
      assertEquals(brute(c, 0, new boolean[m]), TiifTextMetrics.Assignment.minCost(c), 1e-9);
    }
  }

  /** Every row to a distinct column when rows <= columns, else every column to a distinct row. */
  private static double brute(double[][] c, int row, boolean[] used) {
    if (c.length > c[0].length) {
      double[][] t = new double[c[0].length][c.length];
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c[0].length; j++) {
          t[j][i] = c[i][j];
        }
      }
      return brute(t, 0, new boolean[c.length]);
    }
    if (row == c.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, c[row][j] + brute(c, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }
}
