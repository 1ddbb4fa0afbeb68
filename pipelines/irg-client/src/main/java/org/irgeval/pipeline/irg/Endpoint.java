package org.irgeval.pipeline.irg;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One server of the pool: its scheduling state (guarded by the {@link EndpointPool}'s lock) and its counters
 * for the summary (guarded by this object).
 */
final class Endpoint {
  enum State { UP, OUT, PROBING, REFUSED }

  final URI uri;
  final int concurrency;
  final int index;

  // --- scheduling state, guarded by the pool lock ---
  State state = State.UP;
  int inFlight;
  int consecutiveFaults;
  long retryAtNanos;
  long currentCooldownNanos;
  String lastProblem;
  HealthAnswer health;

  // --- counters, guarded by this ---
  private long requests;
  private long successes;
  private long retries;
  private long takenOut;
  private long probes;
  private long probeFailures;
  private final Map<String, Long> failures = new TreeMap<>();
  private final Map<String, long[]> stageSums = new TreeMap<>();
  private long wallSumMs;

  Endpoint(URI uri, int concurrency, int index) {
    this.uri = uri;
    this.concurrency = concurrency;
    this.index = index;
  }

  synchronized void countRequest(boolean retry) {
    requests++;
    if (retry) {
      retries++;
    }
  }

  synchronized void countSuccess(long wallMs, Map<String, Long> stageMs) {
    successes++;
    wallSumMs += wallMs;
    stageMs.forEach((k, v) -> {
      long[] s = stageSums.computeIfAbsent(k, x -> new long[2]);
      s[0] += v;
      s[1]++;
    });
  }

  synchronized void countFailure(ErrorCode code) {
    failures.merge(code.wire(), 1L, Long::sum);
  }

  synchronized void countTakenOut() {
    takenOut++;
  }

  synchronized void countProbe(boolean ok) {
    probes++;
    if (!ok) {
      probeFailures++;
    }
  }

  /** Counters for summary.json; {@code state} is passed in because it is guarded by the pool. */
  synchronized Map<String, Object> stats(State currentState, String problem) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", uri.toString());
    m.put("concurrency", concurrency);
    m.put("state", currentState.name().toLowerCase(java.util.Locale.ROOT));
    m.put("requests", requests);
    m.put("successes", successes);
    m.put("failures", new TreeMap<>(failures));
    m.put("failures_total", failures.values().stream().mapToLong(Long::longValue).sum());
    m.put("retries", retries);
    m.put("taken_out", takenOut);
    m.put("health_probes", probes);
    m.put("health_probe_failures", probeFailures);
    m.put("mean_request_ms", successes == 0 ? null : (double) wallSumMs / successes);
    Map<String, Double> means = new TreeMap<>();
    stageSums.forEach((k, s) -> means.put(k, (double) s[0] / s[1]));
    m.put("mean_stage_ms", means);
    if (problem != null) {
      m.put("last_problem", problem);
    }
    return m;
  }
}
