package org.irgeval.benchmarks.geneval.rules;

import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;

/**
 * The constants of the official evaluator. Each defaults to the official value, set in
 * djghosh13/geneval@af4902f {@code evaluation/evaluate_images.py} l.286-290 and overridable there with
 * {@code --options key=value}; the same keys are accepted here. Kept as float32 because numpy compares the
 * float32 arrays against these Python floats after casting them to float32 (value-based casting).
 *
 * @param threshold         {@code THRESHOLD}, l.286: keep detections with score strictly above it
 * @param countingThreshold {@code COUNTING_THRESHOLD}, l.287: used instead for images whose tag is "counting"
 * @param maxObjects        {@code MAX_OBJECTS}, l.288: at most this many detections per class
 * @param maxOverlap        {@code NMS_THRESHOLD}, l.289: 1.0 switches NMS off (l.241)
 * @param positionThreshold {@code POSITION_THRESHOLD}, l.290: the margin factor of relative_position (l.147)
 */
public record RuleConfig(float threshold, float countingThreshold, int maxObjects, float maxOverlap,
                         float positionThreshold) {
  /** The official defaults. */
  public static final RuleConfig OFFICIAL = new RuleConfig(0.3f, 0.9f, 16, 1.0f, 0.1f);

  private static final OptionSpec THRESHOLD = OptionSpec.of("threshold", OptionSpec.Type.FRACTION,
      "THRESHOLD (evaluate_images.py l.286)").withDefault(OFFICIAL.threshold);
  private static final OptionSpec COUNTING_THRESHOLD = OptionSpec.of("counting_threshold", OptionSpec.Type.FRACTION,
      "COUNTING_THRESHOLD (l.287)").withDefault(OFFICIAL.countingThreshold);
  private static final OptionSpec MAX_OBJECTS = OptionSpec.of("max_objects", OptionSpec.Type.POSITIVE_INT,
      "MAX_OBJECTS (l.288)").withDefault(OFFICIAL.maxObjects);
  private static final OptionSpec MAX_OVERLAP = OptionSpec.of("max_overlap", OptionSpec.Type.FRACTION,
      "NMS_THRESHOLD (l.289; 1.0 = no NMS)").withDefault(OFFICIAL.maxOverlap);
  private static final OptionSpec POSITION_THRESHOLD = OptionSpec.of("position_threshold", OptionSpec.Type.NUMBER,
      "POSITION_THRESHOLD (l.290)").withDefault(OFFICIAL.positionThreshold);

  /** The official {@code --options} keys, accepted as {@code --scorer-opt} by every GenEval scorer. */
  public static final List<OptionSpec> OPTIONS = List.of(THRESHOLD, COUNTING_THRESHOLD, MAX_OBJECTS, MAX_OVERLAP,
      POSITION_THRESHOLD);

  /** Applies {@code threshold}, {@code counting_threshold}, {@code max_objects}, {@code max_overlap},
   * {@code position_threshold} from scorer options (the official option names, checked against {@link #OPTIONS}
   * by the harness; the defaults are {@link #OFFICIAL}'s); others are ignored. */
  public static RuleConfig fromOptions(Map<String, String> options) {
    return new RuleConfig(Float.parseFloat(THRESHOLD.text(options)), Float.parseFloat(COUNTING_THRESHOLD.text(options)),
        MAX_OBJECTS.intValue(options), Float.parseFloat(MAX_OVERLAP.text(options)),
        Float.parseFloat(POSITION_THRESHOLD.text(options)));
  }

  /** The per-image threshold: l.230 picks COUNTING_THRESHOLD only when {@code metadata['tag'] == "counting"}. */
  public float thresholdFor(String tag) {
    return "counting".equals(tag) ? countingThreshold : threshold;
  }

  /** Stable text for scorer fingerprints. */
  public String fingerprint() {
    return "threshold=" + threshold + ",counting_threshold=" + countingThreshold + ",max_objects=" + maxObjects
        + ",max_overlap=" + maxOverlap + ",position_threshold=" + positionThreshold;
  }
}
