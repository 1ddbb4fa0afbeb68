package org.irgeval.benchmarks.wise;

import java.nio.file.Path;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.testkit.OfficialData;

/** The official WISE files through {@link OfficialData} (the test is skipped when they are absent). */
final class WiseTestData {
  private WiseTestData() {}

  static Path dataDir() {
    return OfficialData.root(WiseBenchmark.ID);
  }

  static PromptSet load(String version) throws DataException {
    return new WiseBenchmark().load(dataDir(), Map.of("version", version));
  }
}
