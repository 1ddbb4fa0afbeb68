package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The body of {@code POST /v1/trajectory} (docs/protocol.md, "POST /v1/trajectory"). The client always sends
 * every field, so a request never depends on a server's own defaults.
 *
 * @param id                 the client's idempotency key {@code <benchmark>/<prompt-id>/s<sample>}
 * @param prompt             the benchmark prompt, verbatim (the official code sends it without a template)
 * @param mode               plain, think or irg
 * @param turns              image turns (1 for plain and think)
 * @param seed               the sample's seed in [0, 2^31)
 * @param width              image width
 * @param height             image height
 * @param think              text sampling; absent for plain
 * @param turnParams         exactly {@code turns} elements
 * @param systemPromptSha256 SHA-256 of the official system prompt the client's data folder holds; the server
 *                           refuses the request ({@code bad_request}) when its own copy differs; absent for plain
 */
@JsonPropertyOrder({"id", "prompt", "mode", "turns", "seed", "width", "height", "think", "turn_params",
    "system_prompt_sha256"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrajectoryRequest(String id, String prompt, Mode mode, int turns, long seed, int width, int height,
                                ThinkParams think, List<TurnParams> turnParams, String systemPromptSha256) {
  public TrajectoryRequest {
    turnParams = List.copyOf(turnParams);
    if (turnParams.size() != turns) {
      throw new IllegalArgumentException("turn_params has " + turnParams.size() + " elements for " + turns + " turns");
    }
  }
}
