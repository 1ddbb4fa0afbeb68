package org.irgeval.pipeline.irg;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard the client tries (docs/protocol.md, "Client behaviour"). Every value can be set with
 * {@code --pipeline-opt} (see {@link IrgOptions}).
 *
 * @param maxAttempts   attempts per trajectory over all endpoints before it fails (transient)
 * @param baseBackoff   backoff before the 2nd attempt; doubles each attempt
 * @param maxBackoff    cap of the backoff
 * @param takeOutAfter  consecutive endpoint-fault failures (network, internal, OOM) that take an endpoint out
 * @param cooldown      first wait before an endpoint that was taken out is probed with /v1/health; doubles on
 *                      each failed probe up to {@code maxCooldown}
 * @param maxCooldown   cap of the cool-down
 * @param endpointWait  how long a trajectory may wait for any healthy endpoint with a free slot before it fails
 * @param downWait      how long every endpoint may be down (none healthy, busy or not) before the run stops: the
 *                      circuit breaker of a run whose only endpoint died (docs/reliability.md). 90 s by default: a
 *                      dead endpoint is taken out after 3 quick failures, probed after the 30 s cool-down and again
 *                      60 s later, so the run stops about 92 s after it died, instead of after 25 trajectories that
 *                      each waited {@code endpointWait} (about 44 minutes)
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, int takeOutAfter,
                          Duration cooldown, Duration maxCooldown, Duration endpointWait, Duration downWait) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30), 3,
      Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(90));

  public RetryPolicy {
    if (maxAttempts < 1 || takeOutAfter < 1) {
      throw new IllegalArgumentException("max_attempts and take_out_after must be >= 1");
    }
    if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0 || cooldown.isNegative()
        || maxCooldown.compareTo(cooldown) < 0 || endpointWait.isNegative() || downWait.isNegative()) {
      throw new IllegalArgumentException("backoff / cool-down durations must be >= 0 with max >= base");
    }
  }

  /**
   * "Full jitter" backoff after failed attempt {@code attempt} (1-based): uniform in [d/2, d] with
   * d = min(max, base * 2^(attempt-1)), so that retries of many threads after one outage do not arrive together.
   */
  public Duration backoff(int attempt) {
    long base = baseBackoff.toMillis();
    long d = Math.min(maxBackoff.toMillis(), base << Math.min(attempt - 1, 20));
    if (d <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d - d / 2 + 1));
  }
}
