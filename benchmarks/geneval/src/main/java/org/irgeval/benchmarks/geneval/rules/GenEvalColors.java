package org.irgeval.benchmarks.geneval.rules;

import java.util.List;

/** GenEval's colour classes. */
public final class GenEvalColors {
  /**
   * evaluate_images.py l.76 {@code COLORS}: the order decides argmax ties and the order of the counts in the
   * colour failure reason (l.189).
   */
  public static final List<String> NAMES =
      List.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white");

  /**
   * evaluate_images.py l.114-116: the three zero-shot templates per object class; {@code {c}} is the colour.
   * They always say "a", even before "orange".
   */
  public static final List<String> TEMPLATES =
      List.of("a photo of a {c} %s", "a photo of a {c}-colored %s", "a photo of a {c} object");

  private GenEvalColors() {}

  /** The three texts for (colour, class), exactly as the official f-strings expand them. */
  public static List<String> texts(String color, String className) {
    return TEMPLATES.stream().map(t -> String.format(t, className).replace("{c}", color)).toList();
  }
}
