package org.irgeval.api;

/**
 * Names of the variants a trajectory is scored as (docs/architecture.md, "Variants"): turn 1's image is
 * {@code no-reflection}, turn 2's is {@code reflection}, turn k &gt; 2's is {@code turn-k}.
 */
public final class Variant {
  public static final String NO_REFLECTION = "no-reflection";
  public static final String REFLECTION = "reflection";
  /** The single variant of a run built by {@code irg-eval import}. */
  public static final String IMPORTED = "imported";

  private Variant() {}

  /** The variant name of the image of 1-based turn {@code turn}. */
  public static String ofTurn(int turn) {
    if (turn < 1) {
      throw new IllegalArgumentException("turns are 1-based: " + turn);
    }
    return switch (turn) {
      case 1 -> NO_REFLECTION;
      case 2 -> REFLECTION;
      default -> "turn-" + turn;
    };
  }

  /** The 1-based turn of a variant name, the inverse of {@link #ofTurn(int)}. */
  public static int turnOf(String variant) {
    return switch (variant) {
      case NO_REFLECTION -> 1;
      case REFLECTION -> 2;
      default -> {
        if (variant.startsWith("turn-")) {
          yield Integer.parseInt(variant.substring(5));
        }
        throw new IllegalArgumentException("not a turn variant: " + variant);
      }
    };
  }
}
