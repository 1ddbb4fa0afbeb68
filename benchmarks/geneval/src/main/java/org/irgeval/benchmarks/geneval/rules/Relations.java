package org.irgeval.benchmarks.geneval.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate_images.py {@code relative_position(obj_a, obj_b)} l.140-157: the relations of A relative to B.
 * Every step is float32, as numpy computes it on the float32 bbox rows (docs/geneval.md, "Float32 arithmetic").
 */
public final class Relations {
  /** l.148: both revised offsets below this (float32) means "too close": no relation at all. */
  static final float NO_RELATION_CUT = 1e-3f;
  /** l.153-156: a normalised revised offset beyond +-0.5 on an axis gives that axis's relation. */
  static final float DIRECTION_CUT = 0.5f;

  private final float positionThreshold;

  public Relations(float positionThreshold) {
    this.positionThreshold = positionThreshold;
  }

  /**
   * The relations of {@code a} relative to {@code b}, in the order left of, right of, above, below (the official
   * returns a Python set; its iteration order, which only shows in the reason text, is hash-dependent).
   */
  public List<String> of(Detection a, Detection b) {
    // l.142-145: centres = mean of the two corners, dims = |corner difference|, offset = cA - cB.
    float cax = (a.x1() + a.x2()) / 2f;
    float cay = (a.y1() + a.y2()) / 2f;
    float cbx = (b.x1() + b.x2()) / 2f;
    float cby = (b.y1() + b.y2()) / 2f;
    float ox = cax - cbx;
    float oy = cay - cby;
    // l.147: shrink each axis by POSITION_THRESHOLD * (dimA + dimB), never past zero, keeping the sign.
    float rx = revise(ox, Math.abs(a.x2() - a.x1()) + Math.abs(b.x2() - b.x1()));
    float ry = revise(oy, Math.abs(a.y2() - a.y1()) + Math.abs(b.y2() - b.y1()));
    List<String> rels = new ArrayList<>(2);
    if (Math.abs(rx) < NO_RELATION_CUT && Math.abs(ry) < NO_RELATION_CUT) {
      return rels; // l.148-149
    }
    // l.151: divided by the norm of the ORIGINAL offset (float32 dot product, then sqrt).
    float norm = (float) Math.sqrt(ox * ox + oy * oy);
    float dx = rx / norm;
    float dy = ry / norm;
    if (dx < -DIRECTION_CUT) {
      rels.add("left of");
    }
    if (dx > DIRECTION_CUT) {
      rels.add("right of");
    }
    if (dy < -DIRECTION_CUT) {
      rels.add("above"); // image y grows downwards
    }
    if (dy > DIRECTION_CUT) {
      rels.add("below");
    }
    return rels;
  }

  private float revise(float offset, float dimSum) {
    float shrunk = Math.max(Math.abs(offset) - positionThreshold * dimSum, 0f);
    return shrunk * Math.signum(offset);
  }
}
