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
 * @param failureRates  error code ("busy", "out_of_memory", "internal", "bad_request") -> probability per
 *                      trajectory request
 * @param dieAfter      after this many trajectory requests the simulator dies: it drops every later
 *                      connection and stops listening (-1: never)
 * @param capacity      trajectories served at once before it answers busy (0: unlimited)
 * @param seed          seed of the failure and latency draws
 * @param modes         modes it claims to serve
 * @param systemPrompts mode -> SHA-256 it checks {@code system_prompt_sha256} against; empty: accepts any
 * @param imageSize     side of the square PNGs it draws
 * @param serial        run one trajectory at a time, the others waiting in the queue (like one GPU behind the
 *                      real server's model lock); false: all admitted trajectories run in parallel
 * @param weights       whose weights it claims to hold in its health answer: "irg", "bagel", or null (no claim:
 *                      every mode)
 * @param checkpointSha256 the checkpoint hash its health answer reports (null: "not hashed")
 */
public record SimConfig(String name, LatencyModel textLatency, LatencyModel imageLatency, double sleepScale,
                        Map<String, Double> failureRates, int dieAfter, int capacity, long seed, List<String> modes,
                        Map<String, String> systemPrompts, int imageSize, boolean serial, String weights,
                        String checkpointSha256) {
  public static final List<String> FAILURE_CODES = List.of("busy", "out_of_memory", "internal", "bad_request");
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
    if (sleepScale < 0 || capacity < 0 || imageSize < 8 || imageSize > 1024) {
      throw new IllegalArgumentException("sleep_scale >= 0, capacity >= 0, 8 <= image_size <= 1024 required");
    }
  }

  /** Parses {@code code=rate[,code=rate...]} (the simulator's and the throughput command's --fail). */
  public static Map<String, Double> parseFailureRates(String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("--fail expects code=rate[,code=rate...]: " + spec);
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
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withLatency(LatencyModel text, LatencyModel image, double scale) {
    return new SimConfig(name, text, image, scale, failureRates, dieAfter, capacity, seed, modes, systemPrompts,
        imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withFailures(Map<String, Double> rates) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, rates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withDieAfter(int n) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, n, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withCapacity(int n) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, n, seed, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  /** One trajectory at a time (a GPU behind a model lock), the rest queued up to {@link #capacity()}. */
  public SimConfig withSerial(boolean on) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, on, weights, checkpointSha256);
  }

  public SimConfig withImageSize(int side) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, side, serial, weights, checkpointSha256);
  }

  public SimConfig withSeed(long s) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, s, modes,
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withModes(List<String> m) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, m,
        systemPrompts, imageSize, serial, weights, checkpointSha256);
  }

  public SimConfig withSystemPrompts(Map<String, String> shaByMode) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        shaByMode, imageSize, serial, weights, checkpointSha256);
  }

  /** Claims to hold {@code kind} weights ("irg", "bagel"; null: no claim) in its health answer. */
  public SimConfig withWeights(String kind) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, kind, checkpointSha256);
  }

  /** Reports {@code sha256} as its checkpoint hash (null: not hashed). */
  public SimConfig withCheckpointSha256(String sha256) {
    return new SimConfig(name, textLatency, imageLatency, sleepScale, failureRates, dieAfter, capacity, seed, modes,
        systemPrompts, imageSize, serial, weights, sha256);
  }
}
