package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * One line of {@code trajectories.jsonl}: a finished generation with its images stored in the run directory.
 *
 * @param id        {@link GenerationRequest#id()}
 * @param benchmark benchmark id
 * @param promptId  prompt id
 * @param sample    sample index
 * @param seed      seed sent to the generator
 * @param turns     stored turns
 * @param model     generator self-description
 * @param endpoint  which back end produced it
 * @param wallMs    wall-clock time of the whole generate call
 */
public record Trajectory(String id, String benchmark, String promptId, int sample, long seed, List<Turn> turns,
                         Map<String, String> model, String endpoint, long wallMs) {
  public Trajectory {
    turns = List.copyOf(turns);
    model = Map.copyOf(model);
  }

  /**
   * One stored turn.
   *
   * @param turn      1-based turn
   * @param variant   variant name of its image
   * @param text      the turn's text
   * @param image     image path relative to the run directory, '/' separated
   * @param sha256    hex SHA-256 of the PNG
   * @param timingsMs per-stage timings
   * @param tokens    token counts
   */
  public record Turn(int turn, String variant, String text, String image, String sha256, Map<String, Long> timingsMs,
                     Map<String, Integer> tokens) {
    public Turn {
      timingsMs = Map.copyOf(timingsMs);
      tokens = Map.copyOf(tokens);
    }
  }
}
