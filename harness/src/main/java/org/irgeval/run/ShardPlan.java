package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PromptSet;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Json;

/**
 * {@code shard.json} of a shard's run directory: which shard it is and the whole plan it is a part of (every
 * benchmark's full prompt set after {@code --limit}), so {@code irg-eval merge} can check coverage and rebuild the
 * whole run without the data folder.
 *
 * @param shard   this directory's shard
 * @param method  how prompts were split ({@link Shard#METHOD})
 * @param planned the full prompt sets, by benchmark id
 */
public record ShardPlan(Shard shard, String method, Map<String, PromptSet> planned) {
  public static final String FILE = "shard.json";

  /** Writes {@code shard.json} for a sharded run (nothing for an unsharded one); rewritten only when it changed. */
  static void write(Path runDir, Shard shard, List<PromptSet> planned) throws IOException {
    if (shard == null) {
      return;
    }
    Map<String, PromptSet> m = new LinkedHashMap<>();
    planned.forEach(s -> m.put(s.benchmark(), s));
    ObjectMapper mapper = Json.mapper();
    ObjectNode n = mapper.createObjectNode();
    n.put("shard", shard.toString());
    n.put("index", shard.index());
    n.put("count", shard.count());
    n.put("method", Shard.METHOD);
    n.set("planned", mapper.valueToTree(m));
    byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    Path f = runDir.resolve(FILE);
    SafeFiles.checkFile(runDir, f);
    if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
      AtomicFiles.write(runDir, f, bytes);
    }
  }

  /** Reads {@code shard.json} of a run directory, or null when it has none (an unsharded run). */
  public static ShardPlan read(Path runDir) throws IOException {
    Path f = runDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    ObjectMapper mapper = Json.mapper();
    JsonNode n = mapper.readTree(f.toFile());
    Map<String, PromptSet> m = new LinkedHashMap<>();
    var it = n.path("planned").fields();
    while (it.hasNext()) {
      var e = it.next();
      m.put(e.getKey(), mapper.treeToValue(e.getValue(), PromptSet.class));
    }
    return new ShardPlan(new Shard(n.path("index").asInt(), n.path("count").asInt()), n.path("method").asText(), m);
  }
}
