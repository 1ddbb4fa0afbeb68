package org.irgeval.pipeline.reference;

/**
 * How often the reference renderer gets things wrong, per object kind and per mistake type (seeded).
 *
 * @param rate           probability of each mistake type in turn 1
 * @param reflectionRate probability of each mistake type when re-drawing after a reflection found problems
 */
public record MistakeModel(double rate, double reflectionRate) {
  public static final MistakeModel DEFAULT = new MistakeModel(0.25, 0.05);

  public MistakeModel {
    if (rate < 0 || rate > 1 || reflectionRate < 0 || reflectionRate > 1) {
      throw new IllegalArgumentException("mistake rates must be in [0,1]: " + rate + ", " + reflectionRate);
    }
  }
}
