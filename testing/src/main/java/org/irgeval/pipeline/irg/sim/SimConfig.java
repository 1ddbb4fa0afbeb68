package org.irgeval.pipeline.irg.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator does. Immutable; build variants with the {@code with...} methods.
 *
 * @param name          shown in the health answer's model name (always marked as a simulator)
 * @param textLatency   simulated duration of each text (think / reflection) stage
 * @param imageLatency  simulated duration of each image stage
 * @param sleepScale    fraction of the simulated duration actually slept (1.0: real time; tests use less). The
 *                      answer always reports the simulated (unscaled) timings
 * @param failureRates  error code or fault kind ({@link #FAILURE_CODES}) -> probability per trajectory request
 * @param dieAfter      after this many trajectory requests the simulator dies: it drops every later
 *                      connection and stops listening (-1: never)
 * @param capacity      trajectories served at once before it answers busy (0: unlimited)
 * @param seed          seed of the failure and latency draws
 * @param modes         modes it claims to serve
 * @param systemPrompts mode -> SHA-256 it checks {@code system_prompt_sha256} against; empty: accepts any
 * @param imageSize     side of the square PNGs it draws; 0: the requested width x height (a plumbing picture of
 *                      another side is the requested size scaled down by a whole number, see IrgPipeline)
 * @param serial        run one trajectory at a time, the others waiting in the queue (like one GPU behind the
 *                      real server's model lock); false: all admitted trajectories run in parallel
 * @param weights       whose weights it claims to hold in its health answer: "irg", "bagel", or null (no claim:
 *                      every mode)
 * @param checkpointSha256 the checkpoint hash its health answer reports (null: "not hashed")
 * @param faultDelayMs  how long a {@code slow_body} or {@code timeout} fault keeps the client waiting (ms)
 * @param keyedLatency  true: every stage's latency is drawn from a generator seeded by the request's seed, turn and
 *                      stage, so a (prompt, sample) costs the same on every endpoint, in every schedule and run;
 *                      false: drawn in arrival order from the simulator's own generator
 * @param payload       "blocks" (small coloured blocks) or "realistic" (noisy PNGs of about 1.3 MB at 1024x1024)
 */
public record SimConfig(String name, LatencyModel textLatency, LatencyModel imageLatency, double sleepScale,
                        Map<String, Double> failureRates, int dieAfter, int capacity, long seed, List<String> modes,
                        Map<String, String> systemPrompts, int imageSize, boolean serial, String weights,
                        String checkpointSha256, long faultDelayMs, boolean keyedLatency, String payload) {
  /**
   * Everything the simulator can inject, in the order the one draw per trajectory request maps onto them (new kinds
   * are appended, so a configuration of the first four draws exactly as before). The first four are protocol error
   * answers; the others are what a broken server or network produces instead of an answer:
   * <ul>
   *   <li>{@code reset}: the connection is closed with no answer (a crashed worker, a reset connection);</li>
   *   <li>{@code slow_body}: a 200 whose body trickles out over {@link #faultDelayMs()} (past the client's timeout);</li>
   *   <li>{@code timeout}: the answer comes only after {@link #faultDelayMs()} (past the client's timeout);</li>
   *   <li>{@code truncated_png}: a 200 whose image of one turn is a PNG cut inside IDAT (signature and IHDR valid);</li>
   *   <li>{@code not_png}: a 200 whose image of one turn is a JPEG;</li>
   *   <li>{@code wrong_size}: a 200 whose image of one turn is narrower than requested (a complete, valid PNG);</li>
   *   <li>{@code junk_json}: a 200 whose body is not a trajectory answer (cut JSON, an HTML page, wrong shapes).</li>
   * </ul>
   */
  public static final List<String> FAILURE_CODES = List.of("busy", "out_of_memory", "internal", "bad_request",
      "reset", "slow_body", "timeout", "truncated_png", "not_png", "wrong_size", "junk_json");
  /** Picture kinds: small coloured blocks, or ~1.3 MB PNGs (1024x1024) like a model's, for payload-realistic runs. */
  public static final List<String> PAYLOADS = List.of("blocks", "realistic");
  /** How long a slow_body / timeout fault lasts unless told otherwise. */
  public static final long DEFAULT_FAULT_DELAY_MS = 2000;
  /** The modes each kind of weights is meant for (the server's protocol.WEIGHTS_MODES). */
  public static final Map<String, List<String>> WEIGHTS_MODES = Map.of(
      "irg", List.of("irg"), "bagel", List.of("plain", "think", "think-2025-06"));
  /** The checkpoint hash the simulator reports unless told otherwise. */
  public static final String DEFAULT_CHECKPOINT_SHA256 = org.irgeval.util.Hashing.sha256("irg-protocol-simulator");

  public SimConfig {
    failureRates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failureRates));
    modes = List.copyOf(modes);
    systemPrompts = Map.copyOf(systemPrompts);
    if (weights != null && !WEIGHTS_MODES.containsKey(weights)) {
      throw new IllegalArgumentException("weights must be one of " + WEIGHTS_MODES.keySet() + " or absent: " + weights);
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : failureRates.entrySet()) {
      if (!FAILURE_CODES.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown failure code '" + e.getKey() + "', expected " + FAILURE_CODES);
      }
      if (e.getValue() < 0 || e.getValue() > 1) {
        throw new IllegalArgumentException("failure rate of " + e.getKey() + " must be in [0, 1]");
      }
      sum += e.getValue();
    }
    if (sum > 1) {
      throw new IllegalArgumentException("failure rates add up to more than 1: " + failureRates);
    }
    if (sleepScale < 0 || capacity < 0 || (imageSize != 0 && (imageSize < 8 || imageSize > 1024))) {
      throw new IllegalArgumentException("sleep_scale >= 0, capacity >= 0, image_size 0 or 8..1024 required");
    }
    if (faultDelayMs < 0) {
      throw new IllegalArgumentException("fault delay must be >= 0 ms: " + faultDelayMs);
    }
    if (!PAYLOADS.contains(payload)) {
      throw new IllegalArgumentException("payload must be one of " + PAYLOADS + ": " + payload);
    }
  }

  /** The configuration without the fault delay, keyed latency and payload (their defaults). */
  public SimConfig(String name, LatencyModel textLatency, LatencyModel imageLatency, double sleepScale,
                   Map<String, Double> failureRates, int dieAfter, int capacity, long seed, List<String> modes,
                   Map<String, String> systemPrompts, int imageSize, boolean serial, String weights,
                   String checkpointSha256) {
    this(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes, systemPrompts,
        imageSize, serial, weights, checkpointSha256, DEFAULT_FAULT_DELAY_MS, false, "blocks");
  }

  /** Parses {@code code=rate[,code=rate...]} (the simulator's and the throughput command's --fail). */
  public static Map<String, Double> parseFailureRates(String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("--fail expects code=rate[,code=rate...] with codes " + FAILURE_CODES + ": "
            + spec);
      }
      m.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
    }
    return m;
  }

  /** No latency, no failures, never dies, 64x64 images, all modes, any system prompt. */
  public static SimConfig defaults() {
    return new SimConfig("sim", LatencyModel.ZERO, LatencyModel.ZERO, 1.0, Map.of(), -1, 0, 1L,
        List.of("plain", "think", "think-2025-06", "irg"), Map.of(), 64, false, null, DEFAULT_CHECKPOINT_SHA256);
  }

  public SimConfig withName(String n) {
    return new SimConfig(n, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withLatency(LatencyModel text, LatencyModel image, double scale) {
    return new SimConfig(name, text, image, scale, failureRates, dieAfter, capacity, seed, modes, systemPrompts,
        imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withFailures(Map<String, Double> rates) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, rates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withDieAfter(int n) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, n, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withCapacity(int n) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, n, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  /** One trajectory at a time (a GPU behind a model lock), the rest queued up to {@link #capacity()}. */
  public SimConfig withSerial(boolean on) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, on, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withImageSize(int side) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, side, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withSeed(long s) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, s, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  public SimConfig withSystemPrompts(Map<String, String> shaByMode) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        shaByMode, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  /** Claims to hold {@code kind} weights ("irg", "bagel"; null: no claim) in its health answer. */
  public SimConfig withWeights(String kind) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, kind, checkpointSha256, faultDelayMs, keyedLatency, payload);
  }

  /** Reports {@code sha256} as its checkpoint hash (null: not hashed). */
  public SimConfig withCheckpointSha256(String sha256) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, sha256, faultDelayMs, keyedLatency, payload);
  }

  /** How long a slow_body / timeout fault keeps the client waiting. */
  public SimConfig withFaultDelayMs(long ms) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, ms, keyedLatency, payload);
  }

  /** Latency drawn per (request seed, turn, stage): the same work for a (prompt, sample) everywhere. */
  public SimConfig withKeyedLatency(boolean on) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, on, payload);
  }

  /** "blocks" or "realistic" (about 1.3 MB per 1024x1024 PNG). */
  public SimConfig withPayload(String kind) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256, faultDelayMs, keyedLatency, kind);
  }
}
