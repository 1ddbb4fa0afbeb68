package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of a run's configuration that decides its numbers: data file hashes and prompt versions, samples,
 * seed, turns, pipeline settings, scorer fingerprints. A run directory resumes only under the same values;
 * entries may be added (another benchmark, scoring after --generate-only) but never changed.
 */
public final class ConfigFingerprint {
  private ConfigFingerprint() {}

  /**
   * Paths (dotted) whose values differ between an earlier and the current fingerprint. Keys absent from
   * the earlier one are additions, not conflicts.
   */
  public static List<String> conflicts(JsonNode earlier, JsonNode current) {
    List<String> out = new ArrayList<>();
    if (earlier != null && earlier.isObject() && current != null && current.isObject()) {
      // The shard is compared strictly: absent means every prompt, so a shard's directory never resumes as the
      // whole run, nor the whole run's directory as a shard.
      String was = shardOf(earlier);
      String now = shardOf(current);
      if (!was.equals(now)) {
        out.add(SHARD + ": was " + was + ", now " + now);
      }
    }
    diff("", withoutShard(earlier), withoutShard(current), out);
    return out;
  }

  /** Like {@link #conflicts} but ignoring the shard: the check that shards of one run share a configuration. */
  public static List<String> conflictsIgnoringShard(JsonNode earlier, JsonNode current) {
    List<String> out = new ArrayList<>();
    diff("", withoutShard(earlier), withoutShard(current), out);
    return out;
  }

  /** The fingerprint key of {@code --shard i/N}. */
  public static final String SHARD = "shard";

  private static String shardOf(JsonNode f) {
    return f.hasNonNull(SHARD) ? f.get(SHARD).asText() : "all prompts (no --shard)";
  }

  private static JsonNode withoutShard(JsonNode f) {
    if (f instanceof ObjectNode o && o.has(SHARD)) {
      ObjectNode c = o.deepCopy();
      c.remove(SHARD);
      return c;
    }
    return f;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a == null || a.isNull() || b == null || b.isNull()) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) a).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (b.has(e.getKey())) {
          diff(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), b.get(e.getKey()), out);
        }
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
      return;
    }
    boolean same = a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    if (!same) {
      out.add(path + ": was " + a + ", now " + b);
    }
  }
}
