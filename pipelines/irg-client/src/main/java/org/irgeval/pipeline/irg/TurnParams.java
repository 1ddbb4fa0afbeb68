package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Set;

/**
 * The image-generation parameters of one turn, exactly the keyword arguments the official code passes to
 * {@code Bagel.generate_image} (docs/protocol.md, "turn_params"). Serialised in snake_case as one element of
 * the request's {@code turn_params}.
 *
 * @param timesteps     {@code num_timesteps}: points of the flow schedule (50 means 49 Euler steps)
 * @param cfgTextScale  {@code cfg_text_scale} &gt;= 1; 1.0 switches text CFG off (and with it image CFG)
 * @param cfgImgScale   {@code cfg_img_scale} &gt;= 1; 1.0 switches image CFG off (turn 1 never has one)
 * @param cfgInterval   {@code cfg_interval} [lo, hi]: CFG applies where lo &lt; t &lt;= hi
 * @param cfgRenormType {@code cfg_renorm_type}: "global", "channel" or "text_channel"
 * @param cfgRenormMin  {@code cfg_renorm_min}: lower clamp of the renorm scale
 * @param timestepShift {@code timestep_shift} of the schedule t' = s*t / (1 + (s-1)*t)
 */
@JsonPropertyOrder({"timesteps", "cfg_text_scale", "cfg_img_scale", "cfg_interval", "cfg_renorm_type",
    "cfg_renorm_min", "timestep_shift"})
public record TurnParams(int timesteps, double cfgTextScale, double cfgImgScale, List<Double> cfgInterval,
                         String cfgRenormType, double cfgRenormMin, double timestepShift) {
  /** The renorm types {@code Bagel._forward_flow} implements (bagel.py: text_channel, global, channel). */
  public static final Set<String> RENORM_TYPES = Set.of("global", "channel", "text_channel");

  public TurnParams {
    if (timesteps < 2) {
      // linspace(1, 0, n) with n < 2 gives no Euler step at all (bagel.py generate_image)
      throw new IllegalArgumentException("timesteps must be >= 2: " + timesteps);
    }
    if (cfgTextScale < 1 || cfgImgScale < 1) {
      // Bagel._forward_flow applies a guidance only where its scale is > 1.0 (IRG@3eee315
      // SFT/modeling/bagel/bagel.py:913, :929, :945): below 1 would silently mean off
      throw new IllegalArgumentException("CFG scales must be >= 1 (1.0 = off): text " + cfgTextScale + ", image "
          + cfgImgScale);
    }
    if (cfgImgScale > 1 && cfgTextScale <= 1) {
      // the image-CFG combination sits inside `if cfg_text_scale > 1.0:` (bagel.py:945-966)
      throw new IllegalArgumentException("cfg_img_scale " + cfgImgScale + " needs cfg_text_scale > 1: _forward_flow"
          + " applies image guidance only inside text guidance (bagel.py:945-966), so it would silently be off");
    }
    if (cfgInterval == null || cfgInterval.size() != 2 || cfgInterval.get(0) == null || cfgInterval.get(1) == null
        || cfgInterval.get(0) < 0 || cfgInterval.get(1) > 1 || cfgInterval.get(0) > cfgInterval.get(1)) {
      throw new IllegalArgumentException("cfg_interval must be [lo, hi] with 0 <= lo <= hi <= 1: " + cfgInterval);
    }
    cfgInterval = List.copyOf(cfgInterval);
    if (!RENORM_TYPES.contains(cfgRenormType)) {
      throw new IllegalArgumentException("cfg_renorm_type must be one of " + RENORM_TYPES + ": " + cfgRenormType);
    }
    if (cfgRenormMin < 0 || cfgRenormMin > 1) {
      throw new IllegalArgumentException("cfg_renorm_min must be in [0, 1]: " + cfgRenormMin);
    }
    if (timestepShift <= 0) {
      throw new IllegalArgumentException("timestep_shift must be > 0: " + timestepShift);
    }
  }
}
