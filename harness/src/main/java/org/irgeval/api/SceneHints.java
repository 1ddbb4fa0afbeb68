package org.irgeval.api;

import java.util.List;

/**
 * What a benchmark knows about the scene a prompt asks for, in a benchmark-neutral form. Only the CPU
 * reference pipeline reads it (to draw a plan); real models get the prompt text only.
 *
 * @param objects objects to draw, in the benchmark's order
 * @param text    text that should appear in the image, or null
 */
public record SceneHints(List<SceneObject> objects, String text) {
  public static final SceneHints NONE = new SceneHints(List.of(), null);

  public SceneHints {
    objects = List.copyOf(objects);
  }

  public boolean isEmpty() {
    return objects.isEmpty() && (text == null || text.isBlank());
  }
}
