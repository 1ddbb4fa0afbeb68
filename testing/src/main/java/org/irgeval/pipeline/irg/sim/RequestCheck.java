package org.irgeval.pipeline.irg.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.irgeval.pipeline.irg.TrajectoryRequest;

/**
 * The simulator's validation of a trajectory request: the protocol's rules (docs/protocol.md) and, unlike a
 * real server, no omitted fields, so a client that forgets one fails its tests instead of silently getting a
 * server default.
 */
final class RequestCheck {
  private static final Set<String> FIELDS = Set.of("id", "prompt", "mode", "turns", "seed", "width", "height",
      "think", "turn_params", "system_prompt_sha256");
  private static final List<String> REQUIRED = List.of("id", "prompt", "mode", "turns", "seed", "width", "height",
      "turn_params");

  private RequestCheck() {}

  /** The parsed request, or an {@link IllegalArgumentException} whose message is the bad_request message. */
  static TrajectoryRequest check(ObjectMapper json, String body, SimConfig config) {
    JsonNode n;
    try {
      n = json.readTree(body);
    } catch (Exception e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "'");
      }
    }
    for (String f : REQUIRED) {
      if (!n.hasNonNull(f)) {
        throw new IllegalArgumentException("missing field '" + f + "' (the simulator requires every field)");
      }
    }
    if (!n.get("seed").canConvertToLong() || n.get("seed").asLong() < 0 || n.get("seed").asLong() >= (1L << 31)) {
      throw new IllegalArgumentException("seed must be an integer in [0, 2^31)");
    }
    TrajectoryRequest r;
    try {
      r = json.treeToValue(n, TrajectoryRequest.class);
    } catch (Exception e) {
      Throwable c = e;
      while (c.getCause() != null) {
        c = c.getCause();
      }
      throw new IllegalArgumentException(c.getMessage());
    }
    if (r.id().isBlank() || r.prompt().isBlank()) {
      throw new IllegalArgumentException("id and prompt must be non-empty");
    }
    if (!config.modes().contains(r.mode().wire())) {
      throw new IllegalArgumentException("mode '" + r.mode().wire() + "' not served here; modes " + config.modes());
    }
    if (r.turns() < 1 || (r.mode().singleTurn() && r.turns() != 1)) {
      throw new IllegalArgumentException("turns must be >= 1, and 1 for mode " + r.mode().wire());
    }
    if (r.width() % 16 != 0 || r.height() % 16 != 0 || r.width() < 16 || r.height() < 16) {
      throw new IllegalArgumentException("width and height must be positive multiples of 16");
    }
    if (r.mode().thinks() && r.think() == null) {
      throw new IllegalArgumentException("mode " + r.mode().wire() + " needs 'think'");
    }
    if (!r.mode().thinks() && (r.think() != null || r.systemPromptSha256() != null)) {
      throw new IllegalArgumentException("mode plain takes no 'think' and no 'system_prompt_sha256'");
    }
    if (r.turnParams().get(0).cfgImgScale() != 1.0) {
      // as the server: turn 1 has no image condition to drop (tiif_multi_turn_gen.py:361-380)
      throw new IllegalArgumentException("turn_params[0].cfg_img_scale must be 1.0: turn 1 has no image condition");
    }
    String expected = config.systemPrompts().get(r.mode().wire());
    if (expected != null && r.systemPromptSha256() != null && !expected.equals(r.systemPromptSha256())) {
      throw new IllegalArgumentException("system_prompt_sha256 " + r.systemPromptSha256() + " differs from this"
          + " server's " + r.mode().wire() + " system prompt " + expected);
    }
    return r;
  }
}
