package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Json;

/**
 * Scores one tile of a OneIG prompt on every dimension its category has ({@link OneIgAggregator#dimensionsOf}) with
 * the back ends it was given (one {@link OneIgPart} per dimension; a dimension without one is left unscored and
 * reported missing). An all-black tile is detected as the official splitter does ({@link OneIgGrid#isBlack}) and
 * sent to no back end. The detail holds the tile's raw outputs in the recorded format ({@code "tile"}), what each
 * back end logged (a plumbing provider's label is the engine's, not this scorer's).
 */
final class OneIgScorer implements Scorer {
  private final Map<String, OneIgPart> parts;
  private final OneIgRecordedPart recorded;
  private final int concurrency;
  private final String id;
  private final List<AutoCloseable> owned;

  /**
   * @param parts    dimension -> back end
   * @param recorded when non-null, the recorded outputs decide black tiles and fill every dimension without a part
   * @param owned    what the parts run on (model exports), closed with this scorer in reverse order
   */
  OneIgScorer(String id, Map<String, OneIgPart> parts, OneIgRecordedPart recorded, int concurrency,
              List<AutoCloseable> owned) {
    this.id = id;
    this.parts = Map.copyOf(parts);
    this.recorded = recorded;
    this.concurrency = concurrency;
    this.owned = List.copyOf(owned);
  }

  /** Closes {@code resources} last to first; the first failure is thrown after all were tried. */
  static void closeAll(List<AutoCloseable> resources) throws Exception {
    Exception first = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() throws Exception {
    closeAll(owned);
  }

  @Override
  public String fingerprint() {
    StringBuilder sb = new StringBuilder(id).append("/1");
    for (String d : OneIgAggregator.DIMENSIONS) {
      if (parts.containsKey(d)) {
        sb.append(' ').append(parts.get(d).fingerprint());
      }
    }
    if (recorded != null) {
      sb.append(' ').append(recorded.fingerprint());
    }
    return sb.toString();
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    ObjectNode detail = Json.mapper().createObjectNode();
    detail.put("tile_index", input.sample());
    byte[] png = Files.readAllBytes(input.image());
    BufferedImage img = OneIgGrid.decode(png, input.image().toString());
    OneIgTile tile = OneIgTile.empty();
    try {
      if (recorded != null && parts.isEmpty()) {
        tile = recorded.tile(input);
      } else {
        tile = OneIgGrid.isBlack(img) ? OneIgTile.blackTile() : OneIgTile.empty();
      }
      if (!tile.black()) {
        for (String d : OneIgAggregator.dimensionsOf(input.prompt())) {
          OneIgPart part = parts.get(d);
          if (part != null) {
            tile = part.add(input, img, png, tile, detail);
          } else if (recorded != null) {
            tile = recorded.merge(input, d, tile);
          }
        }
      }
    } catch (OneIgPart.Failed f) {
      detail.set("tile", tile.toJson());
      return ScoreOutcome.failure(f.getMessage(), detail, null);
    }
    detail.set("tile", tile.toJson());
    if (tile.distances() != null) {
      detail.set("distances", Json.mapper().valueToTree(tile.distances()));
    }
    List<String> scored = OneIgAggregator.dimensionsOf(input.prompt());
    detail.set("dimensions", Json.mapper().valueToTree(scored));
    return ScoreOutcome.of(tile.values(input.prompt()), detail, tile.ocr());
  }
}
