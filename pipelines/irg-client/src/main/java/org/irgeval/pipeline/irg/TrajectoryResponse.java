package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The 200 answer of {@code POST /v1/trajectory} (docs/protocol.md).
 *
 * @param id        the request's id, echoed
 * @param seed      the seed used, echoed
 * @param model     name, checkpoint and {@code sha256} (null: not hashed) of the checkpoint that drew it
 * @param weights   whose weights drew it ({@code kind}: irg, bagel, or null for no claim), as in the health answer
 * @param simulator true only when a simulator answered (never a model's pixels)
 * @param turns     one element per image turn, turn 1 first
 */
@JsonPropertyOrder({"id", "seed", "model", "weights", "simulator", "turns"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrajectoryResponse(String id, Long seed, Map<String, String> model, HealthAnswer.Weights weights,
                                 Boolean simulator, List<Turn> turns) {
  /** The checkpoint's SHA-256 the answer names (null: not hashed, or not named at all). */
  public String checkpointSha256() {
    return model == null ? null : model.get("sha256");
  }

  /** True when the answer names its checkpoint at all ({@code model.sha256} present, null included). */
  public boolean namesCheckpoint() {
    return model != null && model.containsKey("sha256");
  }

  /** The weights kind the answer names (null: no claim, or no {@code weights}). */
  public String weightsKind() {
    return weights == null ? null : weights.kind();
  }

  /**
   * One turn of the answer.
   *
   * @param text           the turn's think / reflection text as the model produced it
   * @param imagePngBase64 the turn's image, PNG, base64 (RFC 4648, no line breaks)
   * @param timingsMs      per-stage wall-clock milliseconds on the server ("text", "image", ...)
   * @param tokens         token counts ("text": tokens sampled, the start token not counted)
   * @param cropBox        [left, top, right, bottom] of the official {@code img.crop(img.getbbox())} the server
   *                       applied (BAGEL modes); the PNG is that box. Null: uncropped
   */
  @JsonPropertyOrder({"text", "image_png_base64", "timings_ms", "tokens", "crop_box"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Turn(String text, String imagePngBase64, Map<String, Long> timingsMs, Map<String, Integer> tokens,
                     List<Integer> cropBox) {
    public Turn(String text, String imagePngBase64, Map<String, Long> timingsMs, Map<String, Integer> tokens) {
      this(text, imagePngBase64, timingsMs, tokens, null);
    }
  }
}
