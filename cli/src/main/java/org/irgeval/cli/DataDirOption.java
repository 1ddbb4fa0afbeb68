package org.irgeval.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: default {@code $IRG_EVAL_DATA}, then {@code ./data} (docs/architecture.md, "Data directory"). */
final class DataDirOption {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Data root with one folder per benchmark in the official layout (default: $IRG_EVAL_DATA, then ./data).")
  Path data;

  Path resolve() {
    if (data != null) {
      return data;
    }
    String env = System.getenv("IRG_EVAL_DATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("data");
  }
}
