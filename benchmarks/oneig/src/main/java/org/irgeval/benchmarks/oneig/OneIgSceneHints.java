package org.irgeval.benchmarks.oneig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
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
 * What the reference pipeline can draw of a OneIG prompt: one object per presence question of the alignment Q&D
 * ("Is there a teapot?"), so that its reflection can re-draw a missing object that the questions check; for a text
 * prompt, the first GT string. A plumbing aid only: real models get the prompt text.
 */
final class OneIgSceneHints {
  /** Presence questions of the official Q&D style: "Is there a nun?", "Are there girls?". */
  private static final Pattern PRESENCE = Pattern.compile(
      "(?i)^\\s*(?:is|are) there (?:a |an |the |some |any )?([a-z][a-z -]*?)\\s*(?:in the (?:image|picture|scene))?"
          + "\\s*[?.]?\\s*$");
  private static final Pattern FIRST_STRING = Pattern.compile("^\\[\\s*(['\"])(.*?)\\1");

  private OneIgSceneHints() {}

  static SceneHints of(Prompt prompt) {
    List<SceneObject> objects = new ArrayList<>();
    for (Iterator<String> it = prompt.metadata().path("questions").elements().hasNext()
        ? questionTexts(prompt) : List.<String>of().iterator(); it.hasNext(); ) {
      presence(it.next()).ifPresent(label -> {
        String colour = ReferencePalette.names().stream().filter(c -> label.startsWith(c + " ")).findFirst()
            .orElse(null);
        String name = colour == null ? label : label.substring(colour.length() + 1);
        if (objects.stream().noneMatch(o -> o.label().equals(name))) {
          objects.add(new SceneObject(name, code(name), 1, colour, null, -1));
        }
      });
    }
    String text = null;
    if (prompt.metadata().hasNonNull("text_content")) {
      Matcher m = FIRST_STRING.matcher(prompt.metadata().path("text_content").asText());
      if (m.find()) {
        text = m.group(2);
      }
    }
    return objects.isEmpty() && text == null ? SceneHints.NONE : new SceneHints(objects, text);
  }

  private static Iterator<String> questionTexts(Prompt prompt) {
    List<String> q = new ArrayList<>();
    prompt.metadata().path("questions").elements().forEachRemaining(n -> q.add(n.asText()));
    return q.iterator();
  }

  /** The object a presence question asks about, lower-cased, if it is one. */
  static Optional<String> presence(String question) {
    Matcher m = PRESENCE.matcher(question);
    return m.matches() ? Optional.of(m.group(1).strip().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The name of a label without a leading palette colour. */
  static String name(String label) {
    return ReferencePalette.names().stream().filter(c -> label.startsWith(c + " ")).findFirst()
        .map(c -> label.substring(c.length() + 1)).orElse(label);
  }

  /** A stable marker code for an object name (what the reference renderer paints and its reader reads back). */
  static int code(String name) {
    return 1 + Integer.parseInt(Hashing.sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 4), 16) % 250;
  }
}
