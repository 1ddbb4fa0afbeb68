package org.irgeval.pipeline.irg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;

import static org.irgeval.api.OptionSpec.Type.NON_NEGATIVE_INT;
import static org.irgeval.api.OptionSpec.Type.POSITIVE_INT;
import static org.irgeval.api.OptionSpec.Type.TEXT;

/**
 * The {@code --pipeline-opt key=value} settings of the irg pipeline: where the system prompts are, and how the
 * client retries, and the two explicit overrides of the checkpoint checks. The retry settings change no pixels and
 * are not part of {@link IrgPipeline#settings()}; an override that was used is (see {@link IrgPipeline}).
 *
 * @param dataDir        data root holding {@code irg/<system prompt file>}
 * @param retry          retry / take-out policy
 * @param connectTimeout TCP connect timeout
 * @param healthTimeout  timeout of one /v1/health call
 * @param requestTimeout timeout of one /v1/trajectory call (a two-turn 1024px IRG trajectory takes about a
 *                       minute on one GPU, plus the server's queue)
 * @param allowWeightsMismatch   run a preset whose mode the endpoints' weights are not meant for (e.g. IRG weights
 *                               in mode plain, an ablation); recorded in the manifest and the run settings
 * @param allowMixedCheckpoints  run over endpoints whose checkpoint SHA-256 differ or are unknown; recorded likewise
 */
public record IrgOptions(Path dataDir, RetryPolicy retry, Duration connectTimeout, Duration healthTimeout,
                         Duration requestTimeout, boolean allowWeightsMismatch, boolean allowMixedCheckpoints) {
  /** The keys {@code --pipeline irg} reads (checked by the harness before {@link #parse}). */
  public static final List<OptionSpec> SPECS = List.of(
      OptionSpec.of("data_dir", TEXT, "data root with irg/<system prompt>.txt (default: the run's --data)"),
      OptionSpec.of("max_attempts", POSITIVE_INT, "attempts per trajectory over all endpoints (default 8)"),
      OptionSpec.of("backoff_ms", NON_NEGATIVE_INT, "first retry backoff, doubled per attempt, with jitter (default 500)"),
      OptionSpec.of("max_backoff_ms", NON_NEGATIVE_INT, "backoff cap (default 30000)"),
      OptionSpec.of("take_out_after", POSITIVE_INT,
          "consecutive endpoint failures that take it out of the pool (default 3)"),
      OptionSpec.of("cooldown_ms", NON_NEGATIVE_INT,
          "first wait before a taken-out endpoint is probed again, doubled per failed probe (default 30000)"),
      OptionSpec.of("max_cooldown_ms", NON_NEGATIVE_INT, "cool-down cap (default 300000)"),
      OptionSpec.of("endpoint_wait_s", NON_NEGATIVE_INT,
          "how long a trajectory waits for any healthy endpoint before failing (default 1800)"),
      OptionSpec.of("endpoint_down_s", NON_NEGATIVE_INT,
          "how long every endpoint may be down before the run stops (the circuit breaker; default 90)"),
      OptionSpec.of("connect_timeout_s", POSITIVE_INT, "TCP connect timeout (default 10)"),
      OptionSpec.of("health_timeout_s", POSITIVE_INT, "timeout of GET /v1/health (default 10)"),
      OptionSpec.of("request_timeout_s", POSITIVE_INT, "timeout of POST /v1/trajectory (default 1800)"),
      OptionSpec.choice("allow_weights_mismatch",
          "true: run a preset whose mode the endpoints' weights are not meant for (health weights.modes); recorded"
              + " in the manifest and the run settings (default false: refused)", "false", "true"),
      OptionSpec.choice("allow_mixed_checkpoints",
          "true: run over endpoints whose checkpoint SHA-256 differ or are unknown; recorded in the manifest and"
              + " the run settings (default false: refused)", "false", "true"));

  /**
   * Parses the options (keys and values were checked against {@link #SPECS} by the harness).
   *
   * @param dataDir the run's data root, used when no {@code data_dir} option overrides it (may be null)
   */
  public static IrgOptions parse(Map<String, String> options, Path dataDir) {
    RetryPolicy d = RetryPolicy.DEFAULT;
    RetryPolicy retry = new RetryPolicy(
        intNum(options, "max_attempts", d.maxAttempts()),
        Duration.ofMillis(num(options, "backoff_ms", d.baseBackoff().toMillis())),
        Duration.ofMillis(num(options, "max_backoff_ms", d.maxBackoff().toMillis())),
        intNum(options, "take_out_after", d.takeOutAfter()),
        Duration.ofMillis(num(options, "cooldown_ms", d.cooldown().toMillis())),
        Duration.ofMillis(num(options, "max_cooldown_ms", d.maxCooldown().toMillis())),
        Duration.ofSeconds(num(options, "endpoint_wait_s", d.endpointWait().toSeconds())),
        Duration.ofSeconds(num(options, "endpoint_down_s", d.downWait().toSeconds())));
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
        Duration.ofSeconds(num(options, "request_timeout_s", 1800)),
        flag(options, "allow_weights_mismatch"), flag(options, "allow_mixed_checkpoints"));
  }

  private static boolean flag(Map<String, String> options, String key) {
    String v = options.getOrDefault(key, "false").trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("--pipeline-opt " + key + "=" + v + ": expected true or false");
    }
    return v.equals("true");
  }

  /** {@link #num} for an int setting: a value beyond int is refused, never wrapped (4294967297 was read as 1). */
  private static int intNum(Map<String, String> options, String key, int dflt) {
    long n = num(options, key, dflt);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--pipeline-opt " + key + "=" + options.get(key) + ": at most "
          + Integer.MAX_VALUE);
    }
    return (int) n;
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
