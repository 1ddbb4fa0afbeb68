package org.irgeval.benchmarks.geneval.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The official correctness rules, a port of evaluate_images.py {@code evaluate} l.160-220 (with the per-class
 * filtering of l.229-244 in front). Independent of any back end: it sees the kept detections and a colour
 * callback, nothing else. Thread-safe (no state besides the immutable config).
 */
public final class RuleEngine {
  private final RuleConfig config;
  private final DetectionFilter filter;
  private final Relations relations;

  public RuleEngine(RuleConfig config) {
    this.config = config;
    this.filter = new DetectionFilter(config);
    this.relations = new Relations(config.positionThreshold());
  }

  public RuleConfig config() {
    return config;
  }

  /**
   * Filters the raw per-class detections (l.229-244) and applies the rules.
   *
   * @param classNames object_names.txt in order
   * @param raw        the detector's rows per class index
   */
  public Verdict score(Spec spec, List<String> classNames, List<List<Detection>> raw, ColorClassifier colors)
      throws Exception {
    return evaluate(spec, filter.keep(classNames, raw, spec.tag()), colors);
  }

  /** The rules on already filtered detections ({@code objects} of l.160). */
  public Verdict evaluate(Spec spec, Map<String, List<Detection>> kept, ColorClassifier colors) throws Exception {
    boolean correct = true;
    List<String> reason = new ArrayList<>();
    List<List<Detection>> matchedGroups = new ArrayList<>();
    for (Spec.Include req : spec.include()) {
      String cls = req.className();
      boolean matched = true;
      // l.175: only the top-`count` most confident detections take part in the colour and position checks.
      List<Detection> all = kept.getOrDefault(cls, List.of());
      List<Detection> found = all.subList(0, Math.min(req.count(), all.size()));
      if (found.size() < req.count()) {
        correct = matched = false;
        reason.add("expected " + cls + ">=" + req.count() + ", found " + found.size()); // l.179
      } else {
        if (req.color() != null) {
          // l.182-192: colour of each of the top-`count` objects; fewer than `count` of the wanted colour fails.
          List<String> got = colors.classify(cls, found);
          int hits = Collections.frequency(got, req.color());
          if (hits < req.count()) {
            correct = matched = false;
            StringBuilder sb = new StringBuilder();
            for (String c : GenEvalColors.NAMES) {
              if (got.contains(c)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(Collections.frequency(got, c)).append(' ').append(c);
              }
            }
            reason.add("expected " + req.color() + " " + cls + ">=" + req.count() + ", found " + hits + " "
                + req.color() + "; and " + sb); // l.186-190
          }
        }
        if (req.relation() != null && matched) {
          // l.193: the position check runs only when the colour check (if any) passed.
          List<Detection> targets = matchedGroups.get(req.target());
          if (targets == null) {
            correct = matched = false;
            reason.add("no target for " + cls + " to be " + req.relation()); // l.196
          } else {
            outer:
            for (Detection obj : found) {
              for (Detection target : targets) {
                List<String> rels = relations.of(obj, target);
                if (!rels.contains(req.relation())) {
                  correct = matched = false;
                  reason.add("expected " + cls + " " + req.relation() + " target, found "
                      + String.join(" and ", rels) + " target"); // l.203-206
                  break outer; // l.207-210: first failing pair ends both loops
                }
              }
            }
          }
        }
      }
      matchedGroups.add(matched ? found : null); // l.211-214
    }
    for (Spec.Exclude req : spec.exclude()) {
      // l.216-219: counts ALL kept detections of the class (threshold and cap applied, no top-count cut).
      int n = kept.getOrDefault(req.className(), List.of()).size();
      if (n >= req.count()) {
        correct = false;
        reason.add("expected " + req.className() + "<" + req.count() + ", found " + n);
      }
    }
    return new Verdict(correct, String.join("\n", reason), kept);
  }
}
