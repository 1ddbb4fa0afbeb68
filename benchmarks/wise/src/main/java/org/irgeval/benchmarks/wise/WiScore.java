package org.irgeval.benchmarks.wise;

/** Per-image WiScore of both versions. */
public final class WiScore {
  private WiScore() {}

  /**
   * Legacy: (0.7*Consistency + 0.2*Realism + 0.1*Aesthetic_Quality) / 2, in [0, 1].
   * Same expression and evaluation order as WISE_legacy/Calculate.py l.6-8 (so doubles match bit for bit).
   */
  public static double legacy(double consistency, double realism, double aestheticQuality) {
    return (0.7 * consistency + 0.2 * realism + 0.1 * aestheticQuality) / 2;
  }

  /** Verified: the binary score itself, {@code float(score)} (calculate_verified.py l.6-12). */
  public static double verified(double score) {
    return score;
  }
}
