package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.JudgeReply;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Hashing;

/**
 * The on-disk judge cache: one JSON file per request, named by the SHA-256 of the canonical request (see
 * {@link ChatWire#cacheKey}), written atomically, so a rerun asks the judge nothing it already answered and
 * a crash never leaves a half-written entry. Each entry stores its key document, so an entry is only used
 * when the whole request matches (not just the hash) and a human can audit what was asked.
 */
final class JudgeCache {
  private final Path dir;
  private final ObjectMapper mapper;

  JudgeCache(Path dir, ObjectMapper mapper) {
    this.dir = dir;
    this.mapper = mapper;
  }

  String hash(ObjectNode key) {
    try {
      return Hashing.sha256(mapper.writeValueAsBytes(key));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a cache key", e);
    }
  }

  private Path file(String hash) {
    return dir.resolve(hash.substring(0, 2)).resolve(hash + ".json");
  }

  /** The cached reply, or empty (also for an unreadable or mismatching entry, which is then overwritten). */
  Optional<JudgeReply> get(String hash, ObjectNode key) {
    Path f = file(hash);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode entry = mapper.readTree(f.toFile());
      // Compare serialised forms: a tree read back may hold IntNode where the fresh key holds LongNode.
      JsonNode stored = entry.get("request");
      if (!(stored instanceof ObjectNode so) || !hash.equals(hash(so))) {
        return Optional.empty();
      }
      JsonNode r = entry.path("reply");
      if (!r.path("text").isTextual()) {
        return Optional.empty();
      }
      List<Map<String, Double>> perToken = new ArrayList<>();
      for (JsonNode tok : r.path("token_logprobs")) {
        Map<String, Double> m = new LinkedHashMap<>();
        tok.properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
        perToken.add(Map.copyOf(m));
      }
      Map<String, Double> first = perToken.isEmpty() ? Map.of() : perToken.get(0);
      return Optional.of(new JudgeReply(r.get("text").asText(), first, List.copyOf(perToken),
          r.path("prompt_tokens").asInt(0), r.path("completion_tokens").asInt(0), true));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void put(String hash, ObjectNode key, JudgeReply reply) throws IOException {
    ObjectNode entry = mapper.createObjectNode();
    entry.set("request", key);
    ObjectNode r = entry.putObject("reply");
    r.put("text", reply.text());
    var toks = r.putArray("token_logprobs");
    for (Map<String, Double> tok : reply.tokenLogprobs()) {
      ObjectNode t = toks.addObject();
      tok.forEach(t::put);
    }
    r.put("prompt_tokens", reply.promptTokens());
    r.put("completion_tokens", reply.completionTokens());
    // the cache folder and everything below it are written without following a link (AtomicFiles)
    AtomicFiles.write(dir.toAbsolutePath().getParent(), file(hash), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
  }
}
