package org.irgeval.scoring.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible chat-completions judge (OpenAI, vLLM, SGLang).
 *
 * <p>{@code baseUrl} follows the OpenAI clients' {@code base_url} convention (it usually ends in {@code /v1});
 * requests go to {@code <baseUrl>/chat/completions}. A bare host ({@code http://gpu-1:8000}) means
 * {@code http://gpu-1:8000/v1}. The API key is never part of the config: only the <em>name</em> of the
 * environment variable that holds it, so a config can be printed, logged and written to a manifest safely.
 *
 * @param baseUrl                the API base URL (http or https, no user info)
 * @param model                  the model to use for every benchmark, or null to use each benchmark's pinned
 *                               default snapshot
 * @param apiKeyEnv              name of the environment variable holding the API key, or null for no key
 *                               (local vLLM / SGLang servers)
 * @param concurrency            HTTP requests in flight at once (all models together)
 * @param requestsPerMinute      request start rate limit, 0 = unlimited
 * @param maxRetries             re-sends after a transient failure (429, 5xx, timeout, malformed body); capped
 *                               at {@link #MAX_RETRIES_CAP} so a dead judge can never stall a run forever
 * @param timeout                per-request timeout (the official WISE vLLM script uses 300 s)
 * @param promptPricePerMTok     price per million prompt tokens, or null
 * @param completionPricePerMTok price per million completion tokens, or null
 */
public record JudgeConfig(URI baseUrl, String model, String apiKeyEnv, int concurrency, double requestsPerMinute,
                          int maxRetries, Duration timeout, Double promptPricePerMTok,
                          Double completionPricePerMTok) {
  /** Upper bound on {@link #maxRetries}: retries are always finite. */
  public static final int MAX_RETRIES_CAP = 20;

  public JudgeConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = baseUrl.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || baseUrl.getHost() == null) {
      // not echoed: a URL given by mistake may carry a key
      throw new IllegalArgumentException("judge base URL must be http(s)://host[:port][/path] (the URL given is not"
          + " shown: it may carry a key)");
    }
    if (baseUrl.getUserInfo() != null) {
      // A URL is printed in manifests and errors; credentials belong in the environment variable.
      throw new IllegalArgumentException("judge base URL must not contain credentials; put the key in an"
          + " environment variable and pass its name (--judge-key-env)");
    }
    if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
      // never echoed: a query is where keys go (?api_key=...)
      throw new IllegalArgumentException("judge base URL must not have a query or fragment (the URL given is not"
          + " shown: it may carry a key); put the key in an environment variable and pass its name (--judge-key-env)");
    }
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("judge model must not be blank");
    }
    if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("--judge-key-env takes the NAME of an environment variable"
          + " (letters, digits, '_'), not the key itself");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("judge concurrency must be >= 1: " + concurrency);
    }
    if (!(requestsPerMinute >= 0) || Double.isInfinite(requestsPerMinute)) {
      throw new IllegalArgumentException("judge requests per minute must be >= 0 (0 = unlimited): "
          + requestsPerMinute);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_CAP) {
      throw new IllegalArgumentException("judge max retries must be in 0.." + MAX_RETRIES_CAP + ": " + maxRetries);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("judge timeout must be positive: " + timeout);
    }
    checkPrice("prompt", promptPricePerMTok);
    checkPrice("completion", completionPricePerMTok);
  }

  private static void checkPrice(String what, Double price) {
    if (price != null && (!(price >= 0) || price.isInfinite())) {
      throw new IllegalArgumentException("judge " + what + " price per million tokens must be >= 0: " + price);
    }
  }

  /** Sensible defaults for {@code baseUrl}: 8 in flight, unlimited rate, 5 retries, 300 s timeout, no prices. */
  public static JudgeConfig defaults(URI baseUrl) {
    return new JudgeConfig(baseUrl, null, null, 8, 0, 5, Duration.ofSeconds(300), null, null);
  }

  /** A copy using {@code model} for every benchmark. */
  public JudgeConfig withModel(String newModel) {
    return new JudgeConfig(baseUrl, newModel, apiKeyEnv, concurrency, requestsPerMinute, maxRetries, timeout,
        promptPricePerMTok, completionPricePerMTok);
  }

  /** The chat-completions endpoint: {@code <baseUrl>/chat/completions}, {@code /v1} added to a bare host. */
  public URI chatCompletionsUri() {
    String s = baseUrl.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    String path = baseUrl.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      s = s + "/v1";
    }
    return URI.create(s + "/chat/completions");
  }

  /** True when a cost can be computed (at least one price given; a missing price counts as free). */
  public boolean hasPrices() {
    return promptPricePerMTok != null || completionPricePerMTok != null;
  }
}
