package org.irgeval.report;

import java.util.List;
import org.irgeval.stats.McNemar;

/**
 * One benchmark compared between two (run, variant) pairs on the prompts both scored.
 *
 * @param benchmark   benchmark id
 * @param base        "run / variant" of the baseline
 * @param candidate   "run / variant" of the candidate
 * @param prompts     prompts both scored (the comparison's sample size)
 * @param baseValue   the baseline's overall on those prompts
 * @param candValue   the candidate's overall on those prompts
 * @param delta       candValue - baseValue
 * @param ci95        paired bootstrap 95% CI of the delta (the benchmark's own aggregation in every replicate)
 * @param pValue      two-sided paired bootstrap p-value of "no difference"
 * @param pWorse      one-sided p-value of "the drop is within the margin" (delta >= -margin): small = worse than
 *                    allowed
 * @param margin      the allowed drop on the benchmark's scale (0 when not gating)
 * @param mcnemar     McNemar's test on paired right/wrong images, for benchmarks with binary image scores, else
 *                    null
 * @param flips       prompts whose mean image score changed, largest drop first
 */
public record Comparison(String benchmark, String base, String candidate, int prompts, double baseValue,
                         double candValue, double delta, double[] ci95, double pValue, double pWorse, double margin,
                         McNemar mcnemar, List<Flip> flips) {
  public Comparison {
    flips = List.copyOf(flips);
  }

  /**
   * A prompt whose score moved.
   *
   * @param promptId the prompt
   * @param category its category
   * @param text     its text
   * @param before   mean image score under the baseline
   * @param after    mean image score under the candidate
   */
  public record Flip(String promptId, String category, String text, double before, double after) {
    public boolean broken() {
      return after < before;
    }
  }

  public long fixed() {
    return flips.stream().filter(f -> !f.broken()).count();
  }

  public long broken() {
    return flips.stream().filter(Flip::broken).count();
  }
}
