package org.irgeval.api;

import java.util.Map;

/**
 * One turn as returned by a pipeline: its text and its image.
 *
 * @param text     thinking (turn 1) or reflection (turn 2+) text; may be empty
 * @param png      PNG bytes of the turn's image
 * @param timingsMs per-stage timings, e.g. {"text": 2100, "image": 27700}
 * @param tokens   token counts, e.g. {"text": 512}
 */
public record GeneratedTurn(String text, byte[] png, Map<String, Long> timingsMs, Map<String, Integer> tokens) {
  public GeneratedTurn {
    timingsMs = Map.copyOf(timingsMs);
    tokens = Map.copyOf(tokens);
  }
}
