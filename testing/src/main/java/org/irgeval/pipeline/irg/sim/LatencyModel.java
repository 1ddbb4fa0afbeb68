package org.irgeval.pipeline.irg.sim;

import java.util.Random;

/**
 * A latency distribution of one simulated stage, in milliseconds. Written {@code fixed:MS},
 * {@code uniform:MIN:MAX} or {@code lognormal:MEDIAN:SIGMA} on the simulator's command line.
 *
 * @param kind "fixed", "uniform" or "lognormal"
 * @param a    fixed value, uniform minimum, or lognormal median (ms)
 * @param b    unused, uniform maximum, or lognormal sigma (of the underlying normal)
 */
public record LatencyModel(String kind, double a, double b) {
  public static final LatencyModel ZERO = new LatencyModel("fixed", 0, 0);

  public LatencyModel {
    switch (kind) {
      case "fixed" -> require(a >= 0, "fixed latency must be >= 0");
      case "uniform" -> require(a >= 0 && b >= a, "uniform needs 0 <= min <= max");
      case "lognormal" -> require(a > 0 && b >= 0, "lognormal needs median > 0 and sigma >= 0");
      default -> throw new IllegalArgumentException("latency kind must be fixed, uniform or lognormal: " + kind);
    }
  }

  private static void require(boolean ok, String msg) {
    if (!ok) {
      throw new IllegalArgumentException(msg);
    }
  }

  public static LatencyModel fixed(double ms) {
    return new LatencyModel("fixed", ms, 0);
  }

  public static LatencyModel uniform(double minMs, double maxMs) {
    return new LatencyModel("uniform", minMs, maxMs);
  }

  public static LatencyModel lognormal(double medianMs, double sigma) {
    return new LatencyModel("lognormal", medianMs, sigma);
  }

  /** Parses {@code fixed:MS}, {@code uniform:MIN:MAX}, {@code lognormal:MEDIAN:SIGMA}. */
  public static LatencyModel parse(String spec) {
    String[] p = spec.split(":");
    try {
      return switch (p[0]) {
        case "fixed" -> fixed(Double.parseDouble(p[1]));
        case "uniform" -> uniform(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        case "lognormal" -> lognormal(Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        default -> throw new IllegalArgumentException("unknown kind");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("latency '" + spec + "': expected fixed:MS, uniform:MIN:MAX or"
          + " lognormal:MEDIAN:SIGMA (" + e.getMessage() + ")");
    }
  }

  /** One draw, in whole milliseconds. */
  public long sample(Random rng) {
    double v = switch (kind) {
      case "fixed" -> a;
      case "uniform" -> a + (b - a) * rng.nextDouble();
      default -> a * Math.exp(b * rng.nextGaussian());
    };
    return Math.round(v);
  }
}
