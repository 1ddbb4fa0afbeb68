package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The generation modes of the protocol (docs/protocol.md, "mode"). */
public enum Mode {
  /** BAGEL without thinking: one image from the prompt alone (gen_images_mp_wise.py without --think). */
  PLAIN(false, "plain"),
  /** BAGEL self-CoT: one think text, then one image (gen_images_mp_wise.py --think). */
  THINK(true, "think"),
  /**
   * BAGEL self-CoT as BAGEL's WISE script ran it before Bagel@db7e7c3 (2025-07-02): the think is sampled with the
   * prompt prefilled a second time (Bagel@738a570 eval/gen/gen_images_mp_wise.py:82-97, = IRG's
   * SFT/eval/gen/gen_images_mp_wise.py:99-118).
   */
  THINK_2025_06(true, "think-2025-06"),
  /** IRG: think, image, then turns-1 reflection turns (tiif_multi_turn_gen.py). */
  IRG(true, "irg");

  private final boolean thinks;
  private final String wire;

  Mode(boolean thinks, String wire) {
    this.thinks = thinks;
    this.wire = wire;
  }

  /** True when the mode generates text and therefore needs think params and a system prompt. */
  public boolean thinks() {
    return thinks;
  }

  /** True when the mode produces one image only. */
  public boolean singleTurn() {
    return this != IRG;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Mode of(String wire) {
    for (Mode m : values()) {
      if (m.wire.equals(wire)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + wire + "', expected one of "
        + Arrays.stream(values()).map(Mode::wire).toList());
  }

  @Override
  public String toString() {
    return wire.toLowerCase(Locale.ROOT);
  }
}
