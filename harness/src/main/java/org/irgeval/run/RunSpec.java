package org.irgeval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PipelineConfig;
import org.irgeval.scoring.judge.JudgeConfig;

/**
 * What a run is asked to do, as its manifest records it ({@code config} and {@code fingerprint}; the judge's key
 * is never part of it, only the name of its environment variable). Built with {@link RunConfig#at}.
 *
 * @param name           run name (the run directory's file name)
 * @param dataDir        data root (one folder per benchmark, official layouts)
 * @param benchmarks     benchmark ids, in order
 * @param benchOptions   per benchmark: its load options
 * @param pipeline       pipeline id
 * @param pipelineConfig pipeline settings
 * @param samples        images per prompt, or null for each benchmark's official default
 * @param seed           run seed (per-sample seeds derive from it)
 * @param limit          first N prompts per benchmark, or -1 for all
 * @param scorers        per benchmark: the scorer id chosen with --scorer (absent = default)
 * @param scorerOptions  {@code --scorer-opt} entries (shared by all scorers; keys are usually prefixed)
 * @param judge          the judge, or null when none is configured
 * @param mode           what to do
 * @param shard          the part of the prompts this process runs ({@code --shard i/N}), or null for all
 */
public record RunSpec(String name, Path dataDir, List<String> benchmarks, Map<String, Map<String, String>> benchOptions,
                      String pipeline, PipelineConfig pipelineConfig, Integer samples, long seed, int limit,
                      Map<String, String> scorers, Map<String, String> scorerOptions, JudgeConfig judge,
                      RunConfig.Mode mode, Shard shard) {
  public RunSpec withShard(Shard s) {
    return new RunSpec(name, dataDir, benchmarks, benchOptions, pipeline, pipelineConfig, samples, seed, limit, scorers,
        scorerOptions, judge, mode, s);
  }
}
