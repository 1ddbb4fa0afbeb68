package org.irgeval.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.data.DemoSamples;

/**
 * The embedded demo's data: a handful of prompts per benchmark that this project wrote itself in each
 * benchmark's official file format (no official data is shipped). Each adapter module ships its own samples
 * ({@link DemoSamples}); this module holds those of benchmarks without an adapter yet.
 */
final class DemoData {
  private final DemoSamples samples = DemoSamples.on(DemoData.class.getClassLoader());

  /** Writes the samples under {@code dir} (only files whose bytes differ) and returns {@code dir}. */
  Path extract(Path dir) throws IOException {
    return samples.extract(dir);
  }

  /** The benchmark folders the demo has samples for. */
  List<String> benchmarkFolders() {
    return List.copyOf(samples.folders());
  }

}
