package org.irgeval.benchmarks.tiif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.store.AtomicFiles;

/**
 * The image folder the official evaluator reads (A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py}
 * l.114-143; written so by {@code inference_t2i_models.py} l.215-224):
 * {@code <root>/<type>/<model>/<short|long>_description/<line_idx>.png}. We write the model folder
 * {@value #MODEL}; reading, we take {@value #MODEL} when present, else the one model folder under the type (several
 * are ambiguous and refused). Officially one image per prompt; a further sample k is written as
 * {@code <line_idx>_s<k>.png}, which the official glob {@code <line_idx>.*} does not pick up.
 */
final class TiifImageLayout implements ImageLayout {
  static final String MODEL = "irg-eval";
  /** find_image_by_idx (l.114-120) accepts these endings. */
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

  @Override
  public Optional<Path> find(Path root, Prompt prompt, int sample) throws IOException {
    Path typeDir = root.resolve(prompt.metadata().path("type").asText());
    if (!Files.isDirectory(typeDir)) {
      return Optional.empty();
    }
    Path model = typeDir.resolve(MODEL);
    if (!Files.isDirectory(model)) {
      List<Path> models;
      try (Stream<Path> s = Files.list(typeDir)) {
        models = s.filter(Files::isDirectory).sorted().toList();
      }
      if (models.isEmpty()) {
        return Optional.empty();
      }
      if (models.size() > 1) {
        throw new IOException(typeDir + " holds several model folders " + models.stream().map(p -> p.getFileName()
            .toString()).toList() + ": pass the folder of one model");
      }
      model = models.get(0);
    }
    Path dir = model.resolve(prompt.metadata().path("length").asText() + "_description");
    String stem = stem(prompt, sample);
    for (String ext : EXTENSIONS) {
      for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
        Path f = dir.resolve(stem + e);
        if (Files.isRegularFile(f)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
    Path dir = root.resolve(prompt.metadata().path("type").asText()).resolve(MODEL)
        .resolve(prompt.metadata().path("length").asText() + "_description");
    AtomicFiles.write(root, dir.resolve(stem(prompt, sample) + ".png"), png);
  }

  @Override
  public void place(Path root, Prompt prompt, int sample, Path png, FilePlacer placer) throws IOException {
    Path dir = root.resolve(prompt.metadata().path("type").asText()).resolve(MODEL)
        .resolve(prompt.metadata().path("length").asText() + "_description");
    placer.place(png, dir.resolve(stem(prompt, sample) + ".png"));
  }

  private static String stem(Prompt prompt, int sample) {
    int line = prompt.metadata().path("line_idx").asInt();
    return sample == 0 ? Integer.toString(line) : line + "_s" + sample;
  }
}
