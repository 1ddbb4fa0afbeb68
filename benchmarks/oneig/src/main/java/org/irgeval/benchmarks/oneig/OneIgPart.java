package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import org.irgeval.api.ScoringInput;

/**
 * One back end of the OneIG scorer: adds its dimension's raw outputs to a non-black tile ({@link OneIgTile}). A
 * transient problem is thrown; a final one is a {@link Failed}.
 */
interface OneIgPart {
  /** What changes its numbers (model, protocol, template hash, recorded files). */
  String fingerprint();

  /**
   * @param detail the score detail, for the part's own record (judge attempts, labels)
   */
  OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
      throws Exception;

  /** A final failure of a part: the tile is stored as a counted failure. */
  final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }
}
