package org.irgeval.benchmarks.oneig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Hashing;

/**
 * Scores from a folder of recorded outputs ({@link OneIgRecorded}): the tile {@code sample} of the prompt's recorded
 * grid, whatever image the run holds (recorded outputs stand for the images they were made from). A prompt or tile the
 * files do not hold is a final failure, never a made-up score.
 */
final class OneIgRecordedPart {
  private final Map<String, OneIgRecorded.Entry> entries;
  private final String sha256;

  private OneIgRecordedPart(Map<String, OneIgRecorded.Entry> entries, String sha256) {
    this.entries = entries;
    this.sha256 = sha256;
  }

  static OneIgRecordedPart open(Path dir, PromptSet prompts) throws DataException, IOException {
    StringBuilder h = new StringBuilder();
    for (String f : OneIgRecorded.FILES) {
      Path p = Files.isRegularFile(dir) ? (dir.getFileName().toString().equals(f) ? dir : null) : dir.resolve(f);
      if (p != null && Files.isRegularFile(p)) {
        h.append(f).append('=').append(Hashing.sha256(p)).append(';');
      }
    }
    return new OneIgRecordedPart(OneIgRecorded.read(dir, prompts), Hashing.sha256(h.toString()));
  }

  String fingerprint() {
    return "recorded(sha256=" + sha256 + ")";
  }

  /** The recorded tile (black or not) of the input. */
  OneIgTile tile(ScoringInput input) throws OneIgPart.Failed {
    OneIgRecorded.Entry e = entries.get(input.prompt().id());
    if (e == null || !e.present()) {
      throw new OneIgPart.Failed(input.prompt().id() + ": no recorded outputs (image " + (e == null ? "not listed"
          : "missing") + ")");
    }
    if (input.sample() < 0 || input.sample() >= e.tiles().length) {
      throw new OneIgPart.Failed(input.prompt().id() + ": no recorded tile " + input.sample());
    }
    return e.tiles()[input.sample()];
  }

  /** Adds the recorded outputs of dimension {@code d} to {@code tile}, if recorded. */
  OneIgTile merge(ScoringInput input, String d, OneIgTile tile) throws OneIgPart.Failed {
    OneIgRecorded.Entry e = entries.get(input.prompt().id());
    if (e == null || !e.present() || input.sample() >= e.tiles().length) {
      return tile;
    }
    OneIgTile r = e.tiles()[input.sample()];
    if (r.black()) {
      return tile;
    }
    return switch (d) {
      case OneIgAggregator.ALIGNMENT -> r.answers() == null ? tile : tile.withAnswers(r.answers());
      case OneIgAggregator.TEXT -> r.ocr() == null ? tile : tile.withOcr(r.ocr());
      case OneIgAggregator.REASONING -> r.cosine() == null ? tile : tile.withCosine(r.cosine());
      case OneIgAggregator.STYLE -> r.csdDots() == null ? tile : tile.withStyle(r.csdDots(), r.seDots());
      default -> r.distances() == null ? tile : tile.withDistances(r.distances());
    };
  }

  static boolean exists(Path p) {
    try (Stream<Path> s = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
