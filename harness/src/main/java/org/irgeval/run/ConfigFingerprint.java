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
    diff("", earlier, current, out);
    return out;
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
