package org.irgeval.pipeline.reference;

import java.util.List;

/**
 * The reference pipeline's drawing plan vocabulary: what a benchmark knows about the scene a prompt asks for
 * (objects, counts, palette colours, relations, text). Only the CPU reference pipeline reads it; real models get
 * the prompt text only. A benchmark supplies it through the optional {@link ReferenceScenes} hook.
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
