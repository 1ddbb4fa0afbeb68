package org.irgeval.api;

/**
 * One thing a scorer saw or said about one image, for the report's image browser: a question and the judge's
 * answer, a detection, a sub-score, the judge's reply. Plain text; the report escapes it.
 *
 * @param label what it is about ("Is there a cat?", "consistency", "detections")
 * @param text  what was seen or said ("judge: yes (expected: yes)", "2", ...)
 */
public record Explanation(String label, String text) {
  public Explanation {
    label = label == null ? "" : label;
    text = text == null ? "" : text;
  }
}
