package org.irgeval.benchmarks.genaibench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.irgeval.pipeline.reference.ReferencePalette;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.pipeline.reference.SceneObject;

/**
 * What the CPU reference pipeline draws for a GenAI-Bench prompt (the optional
 * {@link org.irgeval.pipeline.reference.ReferenceScenes} hook). GenAI-Bench records carry no structured scene, so
 * the hints are read from the prompt's words with a small fixed vocabulary of this project (not an official rule):
 * nouns of {@link #NOUNS} (singular or plural), a number word or article before them for the count, "no"/"without"
 * for a count of 0 (negation), a palette colour word right before them, and "left of"/"right of"/"above"/"below"
 * (also "on top of", "under") between two nouns. A prompt without a known noun gets no hints.
 *
 * <p>The plumbing judge ({@link GenAiBenchPlumbingAnswerer}) reads the same hints back from the question text, so
 * the demo's score follows what the reference pipeline's reflection fixes. Plumbing only; never a model.
 */
final class GenAiBenchScenes {
  private GenAiBenchScenes() {}

  /** The vocabulary; code = index + 1 (the reference renderer paints it as the object's marker). */
  static final List<String> NOUNS = List.of("apple", "ball", "banana", "bird", "boat", "book", "bottle", "bowl",
      "box", "bread", "car", "cat", "chair", "clock", "cloud", "cup", "dog", "flower", "fish", "hat", "horse",
      "house", "kite", "lamp", "moon", "nest", "orange", "oven", "pen", "plate", "rabbit", "shoe", "sun", "table",
      "tree", "umbrella", "vase", "window", "baker", "photographer");

  private static final Map<String, Integer> NUMBERS = Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3,
      "four", 4, "five", 5, "no", 0, "without", 0);

  private static final int MAX_OBJECTS = 4;

  static SceneHints hints(String prompt) {
    String[] w = prompt.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").trim().split("\\s+");
    Map<String, int[]> seen = new LinkedHashMap<>(); // noun -> {object index, word position}
    List<String> labels = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < w.length && labels.size() < MAX_OBJECTS; i++) {
      String noun = noun(w[i]);
      if (noun == null || seen.containsKey(noun)) {
        continue;
      }
      String color = i > 0 && ReferencePalette.names().contains(w[i - 1]) ? w[i - 1] : null;
      int count = w[i].equals(noun) ? 1 : 2;
      for (int k = i - 1; k >= Math.max(0, i - 3); k--) {
        Integer n = NUMBERS.get(w[k]);
        if (n != null) {
          count = n;
          break;
        }
      }
      seen.put(noun, new int[] {labels.size(), i});
      labels.add(noun);
      counts.add(count);
      colors.add(color);
      positions.add(i);
    }
    List<SceneObject> objects = new ArrayList<>();
    for (int k = 0; k < labels.size(); k++) {
      String relation = null;
      int target = -1;
      if (k + 1 < labels.size()) {
        String between = String.join(" ", java.util.Arrays.copyOfRange(w, positions.get(k) + 1, positions.get(k + 1)));
        relation = relation(between);
        target = relation == null ? -1 : k + 1;
      }
      objects.add(new SceneObject(labels.get(k), NOUNS.indexOf(labels.get(k)) + 1, counts.get(k), colors.get(k),
          relation, target));
    }
    return new SceneHints(objects, null);
  }

  private static String noun(String word) {
    if (NOUNS.contains(word)) {
      return word;
    }
    for (String suffix : new String[] {"es", "s"}) {
      if (word.endsWith(suffix) && NOUNS.contains(word.substring(0, word.length() - suffix.length()))) {
        return word.substring(0, word.length() - suffix.length());
      }
    }
    return null;
  }

  private static String relation(String between) {
    if (between.contains("left of")) {
      return "left of";
    }
    if (between.contains("right of")) {
      return "right of";
    }
    if (between.contains("above") || between.contains("on top of")) {
      return "above";
    }
    if (between.contains("below") || between.contains("under")) {
      return "below";
    }
    return null;
  }
}
