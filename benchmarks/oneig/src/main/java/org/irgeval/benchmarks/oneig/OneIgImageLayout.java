package org.irgeval.benchmarks.oneig;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.store.AtomicFiles;

/**
 * The image folder the official OneIG scripts read (OneIG-Bench/OneIG-Benchmark@41b4983): one 2x2 grid per prompt,
 * {@code <root>/<folder>/<model>/<id>.png} (alignment_score.py l.102 and diversity_score.py l.55 glob
 * {@code DIR/<class>/<model>/<id>*}; text_score.py l.59 and reasoning/style read {@code DIR/<model>/} with DIR =
 * {@code images/text}, {@code images/reasoning}, {@code images/anime}). Sample k of a prompt is tile k of its grid in
 * row-major order ({@link OneIgGrid}).
 *
 * <p>{@link #write} and {@link #placeSamples} keep each tile as written in {@code <root>/.irg-eval-tiles/<folder>/<id>/<k>.png} (a hidden
 * folder the scripts' globs do not see) and re-composes the grid from the tiles present, atomically, so a tile that
 * was never generated stays all-black, which the official splitter drops. {@link #find} cuts tile k from the grid;
 * when the kept tile has exactly those pixels it returns the kept file (the bytes as written), otherwise the cut tile
 * written as PNG to a temporary file. The model folder is {@code --bench-opt oneig.model} when given, else
 * {@value #MODEL} when present, else the only model folder of the category (several are refused).
 */
final class OneIgImageLayout implements ImageLayout {
  static final String MODEL = "irg-eval";
  /** Prompt metadata key carrying {@code --bench-opt oneig.model}. */
  static final String MODEL_KEY = "image_model";
  static final String TILES_DIR = ".irg-eval-tiles";
  /** One writer per grid file at a time (samples of a prompt may arrive from several threads). */
  private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

  @Override
  public Optional<Path> find(Path root, Prompt prompt, int sample) throws IOException {
    if (sample < 0 || sample >= OneIgGrid.TILES) {
      return Optional.empty();
    }
    Optional<Path> grid = gridFile(root, prompt);
    if (grid.isEmpty()) {
      return Optional.empty();
    }
    BufferedImage tile = OneIgGrid.tile(OneIgGrid.decode(Files.readAllBytes(grid.get()), grid.get().toString()),
        sample);
    Path kept = tilePath(root, prompt, sample);
    if (Files.isRegularFile(kept)) {
      BufferedImage k = OneIgGrid.decode(Files.readAllBytes(kept), kept.toString());
      if (!k.getColorModel().hasAlpha() && OneIgGrid.sameRgb(k, tile)) {
        return Optional.of(kept);
      }
    }
    Path tmp = Files.createTempFile("oneig-" + prompt.id() + "-tile" + sample + "-", ".png");
    tmp.toFile().deleteOnExit();
    Files.write(tmp, OneIgGrid.png(tile));
    return Optional.of(tmp);
  }

  @Override
  public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
    checkSample(sample);
    Path grid = gridTarget(root, prompt);
    synchronized (lock(grid)) {
      OneIgGrid.decode(png, prompt.id() + " sample " + sample);
      AtomicFiles.write(root, tilePath(root, prompt, sample), png);
      compose(root, prompt, grid);
    }
  }

  /** Every sample's tile kept (hard-linked where possible), then the grid composed once, not once per sample. */
  @Override
  public void placeSamples(Path root, Prompt prompt, Map<Integer, Path> pngs, FilePlacer placer) throws IOException {
    for (int sample : pngs.keySet()) {
      checkSample(sample);
    }
    Path grid = gridTarget(root, prompt);
    synchronized (lock(grid)) {
      for (var e : pngs.entrySet()) {
        placer.place(e.getValue(), tilePath(root, prompt, e.getKey()));
      }
      compose(root, prompt, grid);
    }
  }

  private static void checkSample(int sample) throws IOException {
    if (sample < 0 || sample >= OneIgGrid.TILES) {
      throw new IOException("a OneIG grid holds " + OneIgGrid.TILES + " tiles (samples 0..3); sample " + sample
          + " has no place in it");
    }
  }

  private Object lock(Path grid) {
    return locks.computeIfAbsent(grid.toAbsolutePath().normalize(), k -> new Object());
  }

  private static Path gridTarget(Path root, Prompt prompt) {
    String named = prompt.metadata().path(MODEL_KEY).asText(null);
    return modelDir(root, prompt, named != null ? named : MODEL).resolve(id(prompt) + ".png");
  }

  /** The grid from the tiles present (a missing one all-black, which the official splitter drops), atomically. */
  private static void compose(Path root, Prompt prompt, Path grid) throws IOException {
    List<BufferedImage> tiles = new ArrayList<>();
    for (int k = 0; k < OneIgGrid.TILES; k++) {
      Path t = tilePath(root, prompt, k);
      tiles.add(Files.isRegularFile(t) ? OneIgGrid.decode(Files.readAllBytes(t), t.toString()) : null);
    }
    AtomicFiles.write(root, grid, OneIgGrid.png(OneIgGrid.join(tiles)));
  }

  /** The one grid file of the prompt ({@code <id>*}), if any. */
  static Optional<Path> gridFile(Path root, Prompt prompt) throws IOException {
    Path catDir = root.resolve(prompt.metadata().path("folder").asText());
    if (!Files.isDirectory(catDir)) {
      return Optional.empty();
    }
    String named = prompt.metadata().path(MODEL_KEY).asText(null);
    Path model;
    if (named != null) {
      model = catDir.resolve(named);
    } else if (Files.isDirectory(catDir.resolve(MODEL))) {
      model = catDir.resolve(MODEL);
    } else {
      List<Path> models;
      try (Stream<Path> s = Files.list(catDir)) {
        models = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
            .toList();
      }
      if (models.isEmpty()) {
        return Optional.empty();
      }
      if (models.size() > 1) {
        throw new IOException(catDir + " holds several model folders " + models.stream().map(p -> p.getFileName()
            .toString()).toList() + ": name one with --bench-opt oneig.model=NAME");
      }
      model = models.get(0);
    }
    if (!Files.isDirectory(model)) {
      return Optional.empty();
    }
    String id = id(prompt);
    List<Path> hits;
    try (Stream<Path> s = Files.list(model)) {
      hits = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(id)).sorted().toList();
    }
    if (hits.size() > 1) {
      // alignment_score.py l.23-28 and text_score.py l.60-61 score such a prompt as None
      throw new IOException(model + " holds several files for id " + id + " " + hits.stream().map(p -> p
          .getFileName().toString()).toList() + " (the official scripts would leave the prompt unscored)");
    }
    return hits.stream().findFirst();
  }

  private static Path modelDir(Path root, Prompt prompt, String model) {
    return root.resolve(prompt.metadata().path("folder").asText()).resolve(model);
  }

  private static Path tilePath(Path root, Prompt prompt, int sample) {
    return root.resolve(TILES_DIR).resolve(prompt.metadata().path("folder").asText()).resolve(id(prompt))
        .resolve(sample + ".png");
  }

  private static String id(Prompt prompt) {
    return prompt.metadata().path("id").asText();
  }
}
