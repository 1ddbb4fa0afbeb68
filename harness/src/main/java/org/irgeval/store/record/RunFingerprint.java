package org.irgeval.store.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest's {@code fingerprint}: what a resumed run must match (docs/architecture.md, "A run", step 3).
 *
 * @param seed             run seed
 * @param turns            image turns per trajectory
 * @param shard            the shard ({@code i/N}), absent for every prompt
 * @param pipeline         pipeline id (absent in a score-only run of a directory without one)
 * @param pipelineSettings the pipeline's settings (not its endpoints)
 * @param benchmarks       per benchmark, what its numbers depend on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seed", "turns", "shard", "pipeline", "pipeline_settings", "benchmarks"})
public record RunFingerprint(Long seed, Integer turns, String shard, String pipeline, JsonNode pipelineSettings,
                             Map<String, BenchmarkFingerprint> benchmarks) {
  /** The same without the shard (a merged run is every prompt). */
  public RunFingerprint withoutShard() {
    return new RunFingerprint(seed, turns, null, pipeline, pipelineSettings, benchmarks);
  }

  /**
   * This fingerprint over an older one: entries may be added (another benchmark, scoring after a generate-only
   * session), the older ones stay unless this one sets them again.
   */
  public RunFingerprint over(RunFingerprint old) {
    if (old == null) {
      return this;
    }
    Map<String, BenchmarkFingerprint> bs = new LinkedHashMap<>(old.benchmarks() == null ? Map.of() : old.benchmarks());
    if (benchmarks != null) {
      benchmarks.forEach((k, v) -> bs.merge(k, v, (a, b) -> b.over(a)));
    }
    return new RunFingerprint(seed != null ? seed : old.seed, turns != null ? turns : old.turns,
        shard != null ? shard : old.shard, pipeline != null ? pipeline : old.pipeline,
        pipelineSettings != null ? pipelineSettings : old.pipelineSettings, bs);
  }

  /**
   * @param version the prompt set's version
   * @param samples images per prompt
   * @param files   per loaded file (path below the data root): its SHA-256
   * @param scorer  the scorer, absent in a generate-only session
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"version", "samples", "files", "scorer"})
  public record BenchmarkFingerprint(String version, Integer samples, Map<String, String> files, ScorerId scorer) {
    BenchmarkFingerprint over(BenchmarkFingerprint old) {
      Map<String, String> f = new LinkedHashMap<>(old.files() == null ? Map.of() : old.files());
      if (files != null) {
        f.putAll(files);
      }
      return new BenchmarkFingerprint(version != null ? version : old.version, samples != null ? samples : old.samples,
          f, scorer != null ? scorer : old.scorer);
    }
  }

  /** @param id the scorer provider's id @param fingerprint the scorer's fingerprint */
  @JsonPropertyOrder({"id", "fingerprint"})
  public record ScorerId(String id, Fingerprint fingerprint) {}
}
