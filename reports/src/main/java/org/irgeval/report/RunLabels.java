package org.irgeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Json;

/**
 * {@code RUN/labels.json}: what the user says a run is ({@code irg-eval run --label step=1200 --label model=ckpt-a}),
 * for reports across runs ({@code report --trend step}). Labels given to a later invocation are added; a key given
 * again takes the new value.
 */
public final class RunLabels {
  public static final String FILE = "labels.json";

  private RunLabels() {}

  /** The run's labels, empty when it has none. */
  public static Map<String, String> read(Path runDir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path f = runDir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      JsonNode n;
      try {
        n = Json.mapper().readTree(f.toFile());
      } catch (IOException e) {
        throw new IOException(f + ": cannot read (" + e.getMessage() + ")", e);
      }
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** Adds {@code labels} to the run's (atomically); nothing happens for none. */
  public static void add(Path runDir, Map<String, String> labels) throws IOException {
    if (labels.isEmpty()) {
      return;
    }
    Map<String, String> all = read(runDir);
    all.putAll(labels);
    ObjectNode o = Json.mapper().createObjectNode();
    all.forEach(o::put);
    AtomicFiles.write(runDir.resolve(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
  }
}
