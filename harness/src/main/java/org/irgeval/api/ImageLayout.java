package org.irgeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A benchmark's official on-disk image layout (what its official scripts read). */
public interface ImageLayout {
  /** The image of (prompt, sample) under {@code root}, if present. */
  Optional<Path> find(Path root, Prompt prompt, int sample) throws IOException;

  /**
   * Writes {@code png} (and any metadata file the official layout needs) for (prompt, sample) under
   * {@code root}; atomic per file.
   */
  void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException;

  /**
   * Puts the stored PNG file {@code png} for (prompt, sample) under {@code root}. A layout that keeps the PNG bytes
   * unchanged at one path hands that path to {@code placer} (which hard-links where the file system allows, so an
   * export costs no second copy of the bytes); the default reads the bytes and calls {@link #write}.
   */
  default void place(Path root, Prompt prompt, int sample, Path png, FilePlacer placer) throws IOException {
    write(root, prompt, sample, java.nio.file.Files.readAllBytes(png));
  }

  /**
   * Puts several samples of one prompt ({@code pngs}: sample to stored PNG file) under {@code root} at once; the
   * exporter calls it when all the prompt's samples are stored. The default places each in turn; a layout that
   * combines samples into one file (OneIG's 2x2 grid) overrides it to write that file once.
   */
  default void placeSamples(Path root, Prompt prompt, java.util.Map<Integer, Path> pngs, FilePlacer placer)
      throws IOException {
    for (var e : pngs.entrySet()) {
      place(root, prompt, e.getKey(), e.getValue(), placer);
    }
  }

  /** Puts a file at a target path (by hard link, else by copy); an existing target with other bytes is replaced. */
  @FunctionalInterface
  interface FilePlacer {
    void place(Path source, Path target) throws IOException;
  }
}
