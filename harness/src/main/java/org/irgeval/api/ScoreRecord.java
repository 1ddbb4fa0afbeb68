package org.irgeval.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code scores.jsonl}.
 *
 * @param key    what was scored
 * @param values parsed numbers (e.g. {"correct": 1.0} or {"consistency": 2, "realism": 1, ...})
 * @param detail structured scorer output (detections, judge answers, reasons); may be null
 * @param raw    raw model / judge text, or null
 * @param error  why scoring failed for good (counted as a failure in the summary), or null
 * @param millis time spent scoring
 */
public record ScoreRecord(ScoreKey key, Map<String, Double> values, JsonNode detail, String raw, String error,
                          long millis) {
  public ScoreRecord {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public boolean failed() {
    return error != null;
  }

  /** The value of {@code name}, or NaN when absent. */
  public double value(String name) {
    Double v = values.get(name);
    return v == null ? Double.NaN : v;
  }
}
