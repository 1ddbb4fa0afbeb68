package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * A pipeline's answer to one {@link GenerationRequest}.
 *
 * @param turns    the turns in order (turn 1 first)
 * @param model    what the generator reports about itself (name, checkpoint)
 * @param endpoint which back end produced it (URL or "reference")
 * @param plumbing true when produced by a non-model (the reference pipeline or a simulator)
 */
public record Generation(List<GeneratedTurn> turns, Map<String, String> model, String endpoint, boolean plumbing) {
  public Generation {
    turns = List.copyOf(turns);
    model = Map.copyOf(model);
  }
}
