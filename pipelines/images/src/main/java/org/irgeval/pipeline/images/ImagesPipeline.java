package org.irgeval.pipeline.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Pipeline;

/**
 * Scores images generated elsewhere: reads each (prompt, sample) from a folder in the benchmark's official
 * layout instead of generating it. Turn 1 comes from {@code --images DIR}, turn k from
 * {@code --pipeline-opt turn<k>=DIR}; a folder holding one sub-folder per benchmark id is also accepted.
 */
final class ImagesPipeline implements Pipeline {
  private final Map<Integer, Path> turnDirs;
  private final Function<String, Optional<ImageLayout>> layouts;

  ImagesPipeline(Map<Integer, Path> turnDirs, Function<String, Optional<ImageLayout>> layouts) {
    this.turnDirs = turnDirs;
    this.layouts = layouts;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", "images");
    m.put("turns", turnDirs.size());
    turnDirs.forEach((t, d) -> m.put("turn" + t, d.toAbsolutePath().normalize().toString()));
    return m;
  }

  @Override
  public int parallelism() {
    return 2;
  }

  @Override
  public boolean plumbing() {
    return false;
  }

  @Override
  public Generation generate(GenerationRequest req) throws IOException {
    ImageLayout layout = layouts.apply(req.benchmark()).orElseThrow(() -> new IOException(
        req.benchmark() + " declares no official image layout, so --pipeline images cannot read it"));
    List<GeneratedTurn> turns = new ArrayList<>();
    for (int t = 1; t <= req.turns() && turnDirs.containsKey(t); t++) {
      Path root = rootFor(turnDirs.get(t), req.benchmark());
      Optional<Path> img = layout.find(root, req.prompt(), req.sample());
      if (img.isEmpty()) {
        throw new IOException("no image for " + req.id() + " (turn " + t + ") under " + root
            + " in the benchmark's official layout");
      }
      long t0 = System.nanoTime();
      byte[] png = asPng(img.get());
      turns.add(new GeneratedTurn("", png, Map.of("read", (System.nanoTime() - t0) / 1_000_000), Map.of()));
    }
    return new Generation(turns, Map.of("name", "images", "source", turnDirs.get(1).toString()), "images", false);
  }

  private static Path rootFor(Path dir, String benchmark) {
    Path sub = dir.resolve(benchmark);
    return Files.isDirectory(sub) ? sub : dir;
  }

  /** PNG files pass through byte for byte; other formats ImageIO reads are re-encoded as PNG. */
  static byte[] asPng(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
      return bytes;
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    if (img == null) {
      throw new IOException(file + ": not an image ImageIO can read");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
