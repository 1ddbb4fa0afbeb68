package org.irgeval.benchmarks.geneval;

import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.api.PromptSet;

/** The official files under the system property {@code irgeval.shared.benchmarks} (set by surefire). */
final class SharedData {
  private SharedData() {}

  static Path root() {
    String p = System.getProperty("irgeval.shared.benchmarks", "../../../shared/benchmarks");
    Path root = Path.of(p);
    if (!Files.isDirectory(root.resolve("geneval"))) {
      throw new IllegalStateException("official GenEval files not found under " + root.toAbsolutePath());
    }
    return root;
  }

  static PromptSet original() throws Exception {
    return new GenEvalBenchmark().load(root(), java.util.Map.of());
  }
}
