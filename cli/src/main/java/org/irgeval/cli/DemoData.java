package org.irgeval.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.data.DemoSamples;
import org.irgeval.run.RunResult;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.util.Json;

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

  /** Lists demo benchmarks that have samples but no adapter yet as "not scored" in summary.json. */
  static void markWithoutAdapter(RunResult result, List<String> ids) throws IOException {
    ObjectNode benches = (ObjectNode) result.summary().get("benchmarks");
    for (String id : ids) {
      benches.putObject(id).put("status", "not scored")
          .put("reason", "no benchmark adapter for '" + id + "' is registered yet (demo samples are present)");
    }
    AtomicFiles.write(result.runDir().resolve(RunStore.SUMMARY),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result.summary()));
  }
}
