package org.irgeval.store.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code config}: the run specification as recorded, what {@code irg-eval score} and
 * {@code merge} rebuild a run from. The judge's key is never here, only the name of its environment variable.
 *
 * @param dataDir      absolute data root
 * @param benchmarks   benchmark ids, in order
 * @param benchOptions per benchmark: its options
 * @param limit        first N prompts, -1 for all
 * @param shard        {@code i/N}, absent for every prompt
 * @param samples      images per prompt, absent for each benchmark's default
 * @param seed         run seed
 * @param mode         the session's mode (lower case)
 * @param pipeline     pipeline id
 * @param preset       preset, written as null when none
 * @param turns        image turns per trajectory
 * @param concurrency  requests in flight per endpoint
 * @param endpoints    pipeline endpoints
 * @param scorers      per benchmark: the scorer chosen with --scorer
 * @param judge        the judge, absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"data_dir", "benchmarks", "bench_options", "limit", "shard", "samples", "seed", "mode", "pipeline",
    "preset", "turns", "concurrency", "endpoints", "scorers", "judge"})
public record RunSpecRecord(String dataDir, List<String> benchmarks, Map<String, Map<String, String>> benchOptions,
                            Integer limit, String shard, Integer samples, Long seed, String mode, String pipeline,
                            @JsonInclude(JsonInclude.Include.ALWAYS) String preset, Integer turns,
                            Integer concurrency, List<String> endpoints, Map<String, String> scorers, Judge judge) {
  public RunSpecRecord withoutShard() {
    return new RunSpecRecord(dataDir, benchmarks, benchOptions, limit, null, samples, seed, mode, pipeline, preset,
        turns, concurrency, endpoints, scorers, judge);
  }

  /** @param url endpoint @param model model @param keyEnv the name of the key's environment variable */
  @JsonPropertyOrder({"url", "model", "key_env"})
  public record Judge(String url, String model, String keyEnv) {}
}
