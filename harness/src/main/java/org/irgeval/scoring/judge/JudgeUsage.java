package org.irgeval.scoring.judge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run's judge client did, for {@code summary.json}. Tokens and cost count only HTTP calls actually made
 * (a cache hit costs nothing).
 *
 * @param baseUrl          the judge base URL
 * @param requests         HTTP requests sent (every attempt, retries included)
 * @param cacheHits        requests answered from the on-disk cache (no HTTP call)
 * @param retries          re-sends after a transient failure (429, 5xx, timeout, malformed body)
 * @param failures         requests given up (non-retryable error, or retries exhausted)
 * @param promptTokens     sum of usage.prompt_tokens over successful calls
 * @param completionTokens sum of usage.completion_tokens over successful calls
 * @param cost             in the price's currency, or null when no price was given
 * @param models           the same counters per model
 */
public record JudgeUsage(String baseUrl, long requests, long cacheHits, long retries, long failures,
                         long promptTokens, long completionTokens, Double cost, Map<String, ModelUsage> models) {
  public JudgeUsage {
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /** One model's counters (fields as in {@link JudgeUsage}). */
  public record ModelUsage(long requests, long cacheHits, long retries, long failures, long promptTokens,
                           long completionTokens, Double cost) {}
}
