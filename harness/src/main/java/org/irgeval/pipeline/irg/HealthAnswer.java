package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/health} (docs/protocol.md).
 *
 * @param status        "ok" when the model is loaded and the server accepts trajectories
 * @param protocol      protocol version, "irg-eval/1"
 * @param model         name, checkpoint (file name) and sha256 of the checkpoint file
 * @param modes         modes the server implements
 * @param device        the accelerator ("NVIDIA H100 80GB HBM3"), or what the server runs on
 * @param simulator     true only for a simulator or stub: its images are plumbing, not a model's
 * @param systemPrompts mode -> SHA-256 of the system prompt the server will use for it
 * @param queue         capacity and current depth of the server's request queue
 */
@JsonPropertyOrder({"status", "protocol", "model", "modes", "device", "simulator", "system_prompts", "queue"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthAnswer(String status, String protocol, Map<String, String> model, List<String> modes,
                           String device, Boolean simulator, Map<String, String> systemPrompts,
                           Map<String, Integer> queue) {
  public static final String PROTOCOL = "irg-eval/1";

  public boolean ok() {
    return "ok".equals(status);
  }

  public boolean isSimulator() {
    return Boolean.TRUE.equals(simulator);
  }
}
