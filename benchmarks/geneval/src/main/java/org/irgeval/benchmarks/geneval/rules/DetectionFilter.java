package org.irgeval.benchmarks.geneval.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class filtering of raw detections, a port of evaluate_images.py {@code evaluate_image} l.229-244:
 * sort by score descending, keep scores strictly above the image's threshold, cap at MAX_OBJECTS, then greedy
 * NMS, which the default {@code max_overlap} of 1.0 switches off entirely (l.241), so duplicates stay.
 */
public final class DetectionFilter {
  private final RuleConfig config;

  public DetectionFilter(RuleConfig config) {
    this.config = config;
  }

  /**
   * @param classNames object_names.txt in order (index = detector class index)
   * @param raw        per class index, the detector's rows in any order (missing trailing classes = none)
   * @param tag        the image's tag (decides the threshold, l.230)
   * @return kept detections per class name, in class order, classes without detections left out (l.243-244)
   */
  public Map<String, List<Detection>> keep(List<String> classNames, List<List<Detection>> raw, String tag) {
    if (raw.size() > classNames.size()) {
      throw new IllegalArgumentException("detector returned " + raw.size() + " classes, object_names.txt has "
          + classNames.size());
    }
    float threshold = config.thresholdFor(tag);
    Map<String, List<Detection>> out = new LinkedHashMap<>();
    for (int c = 0; c < raw.size(); c++) {
      List<Detection> kept = keepClass(raw.get(c), threshold);
      if (!kept.isEmpty()) {
        out.put(classNames.get(c), kept);
      }
    }
    return out;
  }

  List<Detection> keepClass(List<Detection> rows, float threshold) {
    if (rows.isEmpty()) {
      return List.of();
    }
    // l.232 np.argsort(score)[::-1]: descending; for equal scores the reversed (stable for these small
    // arrays) ascending order puts the later row first, so ties go to the higher index.
    List<Integer> order = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingDouble(i -> rows.get(i).score()).reversed()
        .thenComparing(Comparator.<Integer>reverseOrder()));
    List<Detection> ordered = new ArrayList<>();
    for (int i : order) {
      // l.233: strictly greater, float32 against float32 (numpy casts the Python float to float32).
      if (rows.get(i).score() > threshold) {
        ordered.add(rows.get(i));
      }
    }
    // l.234: cap per class, before NMS.
    if (ordered.size() > config.maxObjects()) {
      ordered = new ArrayList<>(ordered.subList(0, config.maxObjects()));
    }
    if (config.maxOverlap() == 1.0f) {
      return List.copyOf(ordered); // l.241: NMS_THRESHOLD == 1 keeps every box
    }
    List<Detection> kept = new ArrayList<>();
    while (!ordered.isEmpty()) {
      Detection best = ordered.remove(0);
      kept.add(best);
      ordered.removeIf(d -> iou(best, d) >= config.maxOverlap());
    }
    return List.copyOf(kept);
  }

  /**
   * evaluate_images.py {@code compute_iou} l.130-137: the legacy "+1" pixel area convention, float32, and 0 when
   * the union is 0.
   */
  static float iou(Detection a, Detection b) {
    float inter = area(Math.max(a.x1(), b.x1()), Math.max(a.y1(), b.y1()), Math.min(a.x2(), b.x2()),
        Math.min(a.y2(), b.y2()));
    float union = area(a.x1(), a.y1(), a.x2(), a.y2()) + area(b.x1(), b.y1(), b.x2(), b.y2()) - inter;
    return union != 0f ? inter / union : 0f;
  }

  private static float area(float x1, float y1, float x2, float y2) {
    return Math.max(x2 - x1 + 1f, 0f) * Math.max(y2 - y1 + 1f, 0f);
  }
}
