package org.irgeval.scoring.ocr;

/** {@code cv2.getPerspectiveTransform}: the 3x3 homography taking four source points to four destination points. */
final class Homography {
  private Homography() {}

  /**
   * Solves the same 8x8 system OpenCV does (h22 = 1) by Gaussian elimination with partial pivoting.
   *
   * @return row-major 3x3 matrix mapping {@code src[i]} to {@code dst[i]}
   */
  static double[] between(Pt[] src, Pt[] dst) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = src[i].x();
      double y = src[i].y();
      double u = dst[i].x();
      double v = dst[i].y();
      a[i] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
      a[i + 4] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v, v};
    }
    for (int col = 0; col < 8; col++) {
      int piv = col;
      for (int r = col + 1; r < 8; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      if (Math.abs(a[piv][col]) < 1e-12) {
        throw new IllegalArgumentException("degenerate quadrilateral: no perspective transform");
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      for (int r = 0; r < 8; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c < 9; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] m = new double[9];
    for (int i = 0; i < 8; i++) {
      m[i] = a[i][8] / a[i][i];
    }
    m[8] = 1;
    return m;
  }
}
