package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/health} (docs/protocol.md).
 *
 * @param status        "ok" when the model is loaded and the server accepts trajectories; "failed" after a sticky
 *                      CUDA error (it refuses all work until restarted)
 * @param problem       why the status is not ok
 * @param protocol      protocol version, "irg-eval/1"
 * @param model         name, checkpoint (file name) and sha256 of the checkpoint file
 * @param weights       whose weights the checkpoint holds and the modes they are meant for
 * @param modes         modes the server implements
 * @param device        the accelerator ("NVIDIA H100 80GB HBM3"), or what the server runs on
 * @param simulator     true only for a simulator or stub: its images are plumbing, not a model's
 * @param systemPrompts mode -> SHA-256 of the system prompt the server will use for it
 * @param queue         capacity and current depth of the server's request queue
 */
@JsonPropertyOrder({"status", "problem", "protocol", "model", "weights", "modes", "device", "simulator",
    "system_prompts", "queue"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthAnswer(String status, String problem, String protocol, Map<String, String> model,
                           Weights weights, List<String> modes, String device, Boolean simulator,
                           Map<String, String> systemPrompts, Map<String, Integer> queue) {
  public static final String PROTOCOL = "irg-eval/1";

  /**
   * Whose weights the server loaded (docs/protocol.md, "Checkpoint identity").
   *
   * @param kind   "irg", "bagel", or null for no claim (simulator, stub)
   * @param modes  the modes these weights are meant for (irg: irg; bagel: plain, think, think-2025-06)
   * @param source how the server knows: "--weights irg" as stated by its operator, or "detected: ..."
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"kind", "modes", "source"})
  public record Weights(String kind, List<String> modes, String source) {}

  /** The checkpoint's SHA-256, or null when the server did not hash it. */
  public String checkpointSha256() {
    return model == null ? null : model.get("sha256");
  }

  public boolean ok() {
    return "ok".equals(status);
  }

  public boolean isSimulator() {
    return Boolean.TRUE.equals(simulator);
  }
}
