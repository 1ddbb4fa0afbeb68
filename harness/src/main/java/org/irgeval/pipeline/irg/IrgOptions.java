package org.irgeval.pipeline.irg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --pipeline-opt key=value} settings of the irg pipeline: where the system prompts are, and how the
 * client retries. None of them changes pixels, so none is part of {@link IrgPipeline#settings()}.
 *
 * @param dataDir        data root holding {@code irg/<system prompt file>}
 * @param retry          retry / take-out policy
 * @param connectTimeout TCP connect timeout
 * @param healthTimeout  timeout of one /v1/health call
 * @param requestTimeout timeout of one /v1/trajectory call (a two-turn 1024px IRG trajectory takes about a
 *                       minute on one GPU, plus the server's queue)
 */
public record IrgOptions(Path dataDir, RetryPolicy retry, Duration connectTimeout, Duration healthTimeout,
                         Duration requestTimeout) {
  /** Keys and their meaning, for {@code irg-eval list} and error messages. */
  public static final Map<String, String> HELP = help();

  private static Map<String, String> help() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("data_dir", "data root with irg/<system prompt>.txt (default: $IRG_EVAL_DATA, then ./data)");
    m.put("max_attempts", "attempts per trajectory over all endpoints (default 8)");
    m.put("backoff_ms", "first retry backoff, doubled per attempt, with jitter (default 500)");
    m.put("max_backoff_ms", "backoff cap (default 30000)");
    m.put("take_out_after", "consecutive endpoint failures that take it out of the pool (default 3)");
    m.put("cooldown_ms", "first wait before a taken-out endpoint is probed again, doubled per failed probe (default 30000)");
    m.put("max_cooldown_ms", "cool-down cap (default 300000)");
    m.put("endpoint_wait_s", "how long a trajectory waits for any healthy endpoint before failing (default 1800)");
    m.put("connect_timeout_s", "TCP connect timeout (default 10)");
    m.put("health_timeout_s", "timeout of GET /v1/health (default 10)");
    m.put("request_timeout_s", "timeout of POST /v1/trajectory (default 1800)");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Parses the options; an unknown key or a bad number is an error naming the key.
   *
   * @param dataDir the run's data root, used when no {@code data_dir} option overrides it (may be null)
   */
  public static IrgOptions parse(Map<String, String> options, Path dataDir) {
    for (String k : options.keySet()) {
      if (!HELP.containsKey(k)) {
        throw new IllegalArgumentException("unknown --pipeline-opt '" + k + "' for pipeline irg; known: "
            + HELP.keySet());
      }
    }
    RetryPolicy d = RetryPolicy.DEFAULT;
    RetryPolicy retry = new RetryPolicy(
        (int) num(options, "max_attempts", d.maxAttempts()),
        Duration.ofMillis(num(options, "backoff_ms", d.baseBackoff().toMillis())),
        Duration.ofMillis(num(options, "max_backoff_ms", d.maxBackoff().toMillis())),
        (int) num(options, "take_out_after", d.takeOutAfter()),
        Duration.ofMillis(num(options, "cooldown_ms", d.cooldown().toMillis())),
        Duration.ofMillis(num(options, "max_cooldown_ms", d.maxCooldown().toMillis())),
        Duration.ofSeconds(num(options, "endpoint_wait_s", d.endpointWait().toSeconds())));
    String data = options.get("data_dir");
    if (data == null && dataDir != null) {
      data = dataDir.toString();
    }
    if (data == null) {
      String env = System.getenv("IRG_EVAL_DATA");
      data = env != null && !env.isBlank() ? env : "data";
    }
    return new IrgOptions(Path.of(data), retry,
        Duration.ofSeconds(num(options, "connect_timeout_s", 10)),
        Duration.ofSeconds(num(options, "health_timeout_s", 10)),
        Duration.ofSeconds(num(options, "request_timeout_s", 1800)));
  }

  private static long num(Map<String, String> options, String key, long dflt) {
    String v = options.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--pipeline-opt " + key + "=" + v + ": expected a whole number >= 0");
    }
  }
}
