package org.irgeval.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.util.Json;

/** A stored score as a scorer would have written it, for the adapters' {@code Benchmark.explain} tests. */
public final class StoredScore {
  private StoredScore() {}

  /**
   * @param values the score's values
   * @param detail the scorer's detail as JSON text, or null
   * @param raw    the judge's raw reply, or null
   */
  public static ScoreRecord of(Map<String, Double> values, String detail, String raw) throws IOException {
    JsonNode d = detail == null ? null : Json.mapper().readTree(detail);
    return new ScoreRecord(new ScoreKey("b", "p1", 0, "reflection", "s"), values, d, raw, null, 0);
  }
}
