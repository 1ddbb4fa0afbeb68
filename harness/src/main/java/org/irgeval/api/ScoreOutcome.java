package org.irgeval.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a {@link Scorer} returns for one image. A {@link #failure} is final and stored (a judge that never
 * answered in the official format after its retries); transient problems are thrown instead, so that a rerun
 * tries again.
 */
public record ScoreOutcome(Map<String, Double> values, JsonNode detail, String raw, String error) {
  public static ScoreOutcome of(Map<String, Double> values, JsonNode detail, String raw) {
    return new ScoreOutcome(values, detail, raw, null);
  }

  public static ScoreOutcome failure(String error, JsonNode detail, String raw) {
    return new ScoreOutcome(Map.of(), detail, raw, error);
  }
}
