package org.irgeval.api;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The closed interval a benchmark's per-image value must lie in ({@link Benchmark#valueRange}): a VQAScore is a
 * probability, a GenEval judgement 0 or 1, a cosine in [-1, 1]. A value outside (a judge logprob of +5 turned into a
 * "probability" of 148, an imported cosine of 57) is never averaged in: a scorer's is a counted failure naming the
 * value, an importer's an error naming file, line and field.
 */
public record ValueRange(double min, double max) {
  public ValueRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
    }
  }

  /** [0, 1]: probabilities, fractions, right-or-wrong judgements. */
  public static final ValueRange UNIT = new ValueRange(0, 1);
  /** [-1, 1]: cosine similarities. */
  public static final ValueRange COSINE = new ValueRange(-1, 1);
  /** [0, +inf): counts and distances with no upper bound. */
  public static final ValueRange NON_NEGATIVE = new ValueRange(0, Double.POSITIVE_INFINITY);

  /** True for a value in the interval; NaN (a value a scorer could not define, e.g. recall without ground truth) too. */
  public boolean contains(double v) {
    return Double.isNaN(v) || (v >= min && v <= max);
  }

  @Override
  public String toString() {
    return "[" + fmt(min) + ", " + fmt(max) + "]";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /**
   * The first value of {@code values} outside its declared range, as "name=value is outside [min, max]", or empty.
   */
  public static Optional<String> violation(Map<String, Double> values, Function<String, Optional<ValueRange>> ranges) {
    for (var e : values.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      Optional<ValueRange> r = ranges.apply(e.getKey());
      if (r.isPresent() && !r.get().contains(e.getValue())) {
        return Optional.of(e.getKey() + "=" + e.getValue() + " is outside " + r.get());
      }
    }
    return Optional.empty();
  }
}
