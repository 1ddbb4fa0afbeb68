package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Sampling of the thinking / reflection text ({@code Bagel.generate_text}); the official code always samples
 * ({@code do_sample=True}), so only temperature and the token cap vary.
 *
 * @param temperature sampling temperature (official: 0.3)
 * @param maxTokens   {@code max_length}: new tokens per text turn (IRG 4096, BAGEL WISE 2048)
 */
@JsonPropertyOrder({"temperature", "max_tokens"})
public record ThinkParams(double temperature, int maxTokens) {
  public ThinkParams {
    if (!(temperature > 0)) {
      // do_sample=True with T <= 0 is undefined in generate_text (division by the temperature)
      throw new IllegalArgumentException("think temperature must be > 0: " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("think max_tokens must be >= 1: " + maxTokens);
    }
  }
}
