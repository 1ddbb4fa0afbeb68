package org.irgeval.benchmarks.tiif;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.Prompt;
import org.irgeval.pipeline.reference.ReferencePalette;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.pipeline.reference.SceneObject;
import org.irgeval.util.Hashing;

/**
 * What the reference pipeline can draw of a TIIF prompt: one object per presence question ("Is there a red cube in
 * the image?"), so its reflection can fix a missing object that the questions check. A plumbing aid only: real
 * models get the prompt text, and the official judge reads the image.
 */
final class TiifSceneHints {
  /** The official presence questions: "Is there a cushion in the scene?", "Is there an apple in the image?". */
  private static final Pattern PRESENCE = Pattern.compile(
      "(?i)^\\s*is there (?:a |an |the |some |any )?(.+?) in the (?:image|picture|scene|photo)\\s*\\?\\s*$");

  private TiifSceneHints() {}

  static SceneHints of(Prompt prompt) {
    List<SceneObject> objects = new ArrayList<>();
    for (var q : prompt.metadata().path("eval").path("yn_question_list")) {
      presence(q.asText()).ifPresent(label -> {
        String color = colour(label);
        String name = name(label);
        objects.add(new SceneObject(name, code(name), 1, color, null, -1));
      });
    }
    return objects.isEmpty() ? SceneHints.NONE : new SceneHints(objects, null);
  }

  /** The object a presence question asks about, lower-cased, if it is one. */
  static Optional<String> presence(String question) {
    Matcher m = PRESENCE.matcher(question);
    return m.matches() ? Optional.of(m.group(1).strip().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The palette colour a label starts with ("red cube"), or null. */
  static String colour(String label) {
    return ReferencePalette.names().stream().filter(c -> label.startsWith(c + " ")).findFirst().orElse(null);
  }

  /** The label without its leading palette colour: what the marker code is made from. */
  static String name(String label) {
    String c = colour(label);
    return c == null ? label : label.substring(c.length() + 1);
  }

  /** A stable marker code for an object name (what the reference renderer paints and its reader reads back). */
  static int code(String name) {
    return 1 + Integer.parseInt(Hashing.sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 4), 16) % 250;
  }
}
