package org.irgeval.benchmarks.wise;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;

/** The official WISE files from ../shared/benchmarks (system property set by surefire), loaded once per call. */
final class WiseTestData {
  private WiseTestData() {}

  static Path dataDir() {
    String p = System.getProperty("irgeval.shared.benchmarks");
    if (p == null) {
      throw new IllegalStateException("system property irgeval.shared.benchmarks is not set (surefire sets it)");
    }
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir.resolve("wise"))) {
      throw new IllegalStateException("no wise/ under " + dir.toAbsolutePath());
    }
    return dir;
  }

  static PromptSet load(String version) throws DataException {
    return new WiseBenchmark().load(dataDir(), Map.of("version", version));
  }
}
