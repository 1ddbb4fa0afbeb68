package org.irgeval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PipelineConfig;
import org.irgeval.scoring.judge.JudgeConfig;

/**
 * Everything a run was asked to do.
 *
 * @param name           run name (the run directory's file name)
 * @param runDir         run directory
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
 * @param judge          the judge, or null when none is configured (its key is read from the named environment
 *                       variable at use, never stored)
 * @param mode           what to do
 * @param forceNew       start afresh even when the run directory holds a different configuration
 * @param argv           the command line, for the manifest
 * @param shard          the part of the prompts this process runs ({@code --shard i/N}), or null for all
 */
public record RunConfig(String name, Path runDir, Path dataDir, List<String> benchmarks,
                        Map<String, Map<String, String>> benchOptions, String pipeline, PipelineConfig pipelineConfig,
                        Integer samples, long seed, int limit, Map<String, String> scorers,
                        Map<String, String> scorerOptions, JudgeConfig judge, Mode mode, boolean forceNew,
                        List<String> argv, Shard shard) {
  /** An unsharded run (every prompt). */
  public RunConfig(String name, Path runDir, Path dataDir, List<String> benchmarks,
                   Map<String, Map<String, String>> benchOptions, String pipeline, PipelineConfig pipelineConfig,
                   Integer samples, long seed, int limit, Map<String, String> scorers,
                   Map<String, String> scorerOptions, JudgeConfig judge, Mode mode, boolean forceNew,
                   List<String> argv) {
    this(name, runDir, dataDir, benchmarks, benchOptions, pipeline, pipelineConfig, samples, seed, limit, scorers,
        scorerOptions, judge, mode, forceNew, argv, null);
  }

  /** This configuration for one shard (null: all prompts). */
  public RunConfig withShard(Shard s) {
    return new RunConfig(name, runDir, dataDir, benchmarks, benchOptions, pipeline, pipelineConfig, samples, seed,
        limit, scorers, scorerOptions, judge, mode, forceNew, argv, s);
  }

  /** What a run does. */
  public enum Mode {
    /** Generate missing trajectories and score everything. */
    GENERATE_AND_SCORE,
    /** Generate and store trajectories only (score elsewhere later with {@code irg-eval score}). */
    GENERATE_ONLY,
    /** Score the stored trajectories only; never call the pipeline. */
    SCORE_ONLY
  }

}
