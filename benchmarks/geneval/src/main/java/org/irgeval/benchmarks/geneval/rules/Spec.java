package org.irgeval.benchmarks.geneval.rules;

import java.util.List;

/**
 * The structured requirements of one metadata line (docs/geneval.md, "Metadata format"), parsed and validated once by the
 * loader so the rules never touch raw JSON.
 *
 * @param tag     the task tag ("counting" switches the threshold)
 * @param prompt  the prompt text of the line
 * @param include requirements combined with AND, in file order (position targets index into this list)
 * @param exclude requirements combined with OR
 */
public record Spec(String tag, String prompt, List<Include> include, List<Exclude> exclude) {
  public Spec {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  /**
   * {@code {"class", "count", ["color"], ["position": [relation, group]]}}.
   *
   * @param className  a name of object_names.txt
   * @param count      how many (the top-{@code count} detections are checked)
   * @param color      one of the ten colours, or null
   * @param relation   "left of" / "right of" / "above" / "below", or null
   * @param target     index into {@link #include()} of the reference group, or -1
   */
  public record Include(String className, int count, String color, String relation, int target) {}

  /** {@code {"class", "count"}}: fails the image when {@code count} or more detections of the class were kept. */
  public record Exclude(String className, int count) {}
}
