package org.irgeval.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.irgeval.run.RunResult;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.util.Json;

/**
 * The embedded demo's data: a handful of prompts per benchmark that this project wrote itself in each
 * benchmark's official file format (no official data is shipped). Listed in {@code demo-data/INDEX}.
 */
final class DemoData {
  private static final String ROOT = "/demo-data/";

  /** Writes the samples under {@code dir} (only files whose bytes differ) and returns {@code dir}. */
  Path extract(Path dir) throws IOException {
    for (String rel : index()) {
      byte[] bytes;
      try (InputStream in = DemoData.class.getResourceAsStream(ROOT + rel)) {
        if (in == null) {
          throw new IOException("demo sample missing from the jar: " + rel);
        }
        bytes = in.readAllBytes();
      }
      Path f = dir.resolve(rel);
      if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
        AtomicFiles.write(f, bytes);
      }
    }
    return dir;
  }

  private static List<String> index() {
    try (InputStream in = DemoData.class.getResourceAsStream(ROOT + "INDEX")) {
      if (in == null) {
        throw new IllegalStateException("demo-data/INDEX missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The benchmark folders the demo has samples for. */
  static List<String> benchmarkFolders() {
    TreeSet<String> out = new TreeSet<>();
    for (String rel : index()) {
      out.add(rel.substring(0, rel.indexOf('/')));
    }
    return List.copyOf(out);
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
