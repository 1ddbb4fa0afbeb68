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
}
