package org.irgeval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PipelineConfig;
import org.irgeval.scoring.judge.JudgeConfig;

/**
 * A run: its recorded specification ({@link RunSpec}) and how this process carries it out (where, whether to start
 * afresh, the command line for the manifest's session entry). Built with named methods:
 * {@code RunConfig.at(dir).data(d).benchmarks(ids).pipeline("reference", pc).seed(42).build()}.
 *
 * @param spec     what the run is asked to do (recorded in the manifest)
 * @param runDir   run directory
 * @param forceNew start afresh when the run directory holds a different configuration
 * @param argv     the command line, for the manifest
 */
public record RunConfig(RunSpec spec, Path runDir, boolean forceNew, List<String> argv) {
  /** What a run does. */
  public enum Mode {
    /** Generate missing trajectories and score everything. */
    GENERATE_AND_SCORE,
    /** Generate and store trajectories only (score elsewhere later with {@code irg-eval score}). */
    GENERATE_ONLY,
    /** Score the stored trajectories only; never call the pipeline. */
    SCORE_ONLY
  }

  /** A run into {@code runDir} (named after it); every other setting has its default until set. */
  public static Builder at(Path runDir) {
    return new Builder(runDir);
  }

  /** This configuration for one shard (null: all prompts). */
  public RunConfig withShard(Shard s) {
    return new RunConfig(spec.withShard(s), runDir, forceNew, argv);
  }

  public String name() {
    return spec.name();
  }

  public Path dataDir() {
    return spec.dataDir();
  }

  public List<String> benchmarks() {
    return spec.benchmarks();
  }

  public Map<String, Map<String, String>> benchOptions() {
    return spec.benchOptions();
  }

  public String pipeline() {
    return spec.pipeline();
  }

  public PipelineConfig pipelineConfig() {
    return spec.pipelineConfig();
  }

  public Integer samples() {
    return spec.samples();
  }

  public long seed() {
    return spec.seed();
  }

  public int limit() {
    return spec.limit();
  }

  public Map<String, String> scorers() {
    return spec.scorers();
  }

  public Map<String, String> scorerOptions() {
    return spec.scorerOptions();
  }

  public JudgeConfig judge() {
    return spec.judge();
  }

  public Mode mode() {
    return spec.mode();
  }

  public Shard shard() {
    return spec.shard();
  }

  /** Named settings of a run; defaults: every prompt, the benchmarks' own sample counts, seed 42, no judge. */
  public static final class Builder {
    private final Path runDir;
    private String name;
    private Path dataDir;
    private List<String> benchmarks = List.of();
    private Map<String, Map<String, String>> benchOptions = Map.of();
    private String pipeline;
    private PipelineConfig pipelineConfig;
    private Integer samples;
    private long seed = 42;
    private int limit = -1;
    private Map<String, String> scorers = Map.of();
    private Map<String, String> scorerOptions = Map.of();
    private JudgeConfig judge;
    private Mode mode = Mode.GENERATE_AND_SCORE;
    private Shard shard;
    private boolean forceNew;
    private List<String> argv = List.of();

    private Builder(Path runDir) {
      this.runDir = runDir;
      this.name = runDir.getFileName().toString();
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder data(Path v) {
      dataDir = v;
      return this;
    }

    public Builder benchmarks(List<String> v) {
      benchmarks = v;
      return this;
    }

    public Builder benchOptions(Map<String, Map<String, String>> v) {
      benchOptions = v;
      return this;
    }

    /** The pipeline and its settings. */
    public Builder pipeline(String id, PipelineConfig settings) {
      pipeline = id;
      pipelineConfig = settings;
      return this;
    }

    /** Images per prompt (null: each benchmark's official count). */
    public Builder samples(Integer v) {
      samples = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** The first N prompts of each benchmark (-1: all). */
    public Builder limit(int v) {
      limit = v;
      return this;
    }

    /** {@code --scorer}, {@code --scorer-opt} and the judge (null: none). */
    public Builder scoring(Map<String, String> chosen, Map<String, String> options, JudgeConfig judgeConfig) {
      scorers = chosen;
      scorerOptions = options;
      judge = judgeConfig;
      return this;
    }

    public Builder mode(Mode v) {
      mode = v;
      return this;
    }

    /** The part of the prompts this process runs (null: all). */
    public Builder shard(Shard v) {
      shard = v;
      return this;
    }

    public Builder forceNew(boolean v) {
      forceNew = v;
      return this;
    }

    /** The command line, for the manifest's session entry. */
    public Builder argv(List<String> v) {
      argv = v;
      return this;
    }

    public RunConfig build() {
      if (dataDir == null || pipeline == null || pipelineConfig == null) {
        throw new IllegalStateException("a run needs its data folder and pipeline");
      }
      return new RunConfig(new RunSpec(name, dataDir, benchmarks, benchOptions, pipeline, pipelineConfig, samples, seed,
          limit, scorers, scorerOptions, judge, mode, shard), runDir, forceNew, argv);
    }
  }
}
