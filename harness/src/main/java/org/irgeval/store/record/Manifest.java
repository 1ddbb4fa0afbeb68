package org.irgeval.store.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: how a run directory was made (docs/architecture.md, "manifest.json contract"). A run
 * writes {@code run} .. {@code judge_used}; an import writes {@code created}, {@code kind} = "import" and
 * {@code import}; a merge adds {@code merged_from} and {@code merge}. Absent parts are null (and not written).
 *
 * @param run          the run's name
 * @param started      when the first session started (ISO-8601)
 * @param created      when an import was written
 * @param kind         "import" for an import of official results, else null (a run)
 * @param plumbing     whether a plumbing pipeline or scorer made it
 * @param notice       the plumbing notice
 * @param scorerNotes  why a scorer other than the judge scored a benchmark
 * @param harness      the code that wrote it
 * @param importFacts  what an import read
 * @param fingerprint  what a resumed run must match
 * @param config       the recorded run specification
 * @param pipelineFacts the pipeline's facts (endpoint health, checkpoints, preset sources)
 * @param dataFiles    per benchmark, per loaded file: hash and size
 * @param sessions     one entry per invocation
 * @param ended        when the last session ended
 * @param exports      the official-layout export's counts (hard links, copies and why)
 * @param judgeUsed    the judge models that answered
 * @param mergedFrom   the shards a merge joined
 * @param merge        the merge's counts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"run", "started", "created", "kind", "plumbing", "notice", "scorer_notes", "harness", "import",
    "fingerprint", "config", "pipeline_facts", "data_files", "sessions", "ended", "exports", "judge_used",
    "merged_from", "merge"})
public record Manifest(String run, String started, String created, String kind, Boolean plumbing, String notice,
                       List<String> scorerNotes, Harness harness, @JsonProperty("import") ImportFacts importFacts,
                       RunFingerprint fingerprint, RunSpecRecord config, JsonNode pipelineFacts,
                       Map<String, Map<String, DataFile>> dataFiles, List<Session> sessions, String ended,
                       Exports exports, JudgeUsed judgeUsed, List<ShardSource> mergedFrom, MergeFacts merge) {
  /** The {@code kind} of an import of official results. */
  public static final String IMPORT = "import";

  public boolean isImport() {
    return IMPORT.equals(kind);
  }

  /** The same without one session's own bookkeeping (its argv and times, what its export placed): no report shows it. */
  public Manifest withoutSessionBookkeeping() {
    return withSessions(null).withEnd(null, null, judgeUsed);
  }

  public static Manifest of(JsonNode json) throws IOException {
    return RecordJson.read(json, Manifest.class);
  }

  /** A run's first manifest (what is unknown yet is null). */
  public static Manifest startRun(String run, String started) {
    return new Manifest(run, started, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  public Manifest withRun(String run) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withStarted(String started) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withPlumbing(boolean plumbing, String notice, List<String> scorerNotes) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withSetup(Harness harness, RunFingerprint fingerprint, RunSpecRecord config,
                            JsonNode pipelineFacts, Map<String, Map<String, DataFile>> dataFiles) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts == null ? this.pipelineFacts : pipelineFacts, dataFiles, sessions, ended, exports,
        judgeUsed, mergedFrom, merge);
  }

  public Manifest withFingerprint(RunFingerprint fingerprint) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withConfig(RunSpecRecord config) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withSessions(List<Session> sessions) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  /** The end of a session: when, the export's counts, the judge models (null: none used, the entry is dropped). */
  public Manifest withEnd(String ended, Exports exports, JudgeUsed judgeUsed) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  public Manifest withMerge(List<ShardSource> mergedFrom, MergeFacts merge) {
    return new Manifest(run, started, created, kind, plumbing, notice, scorerNotes, harness, importFacts, fingerprint,
        config, pipelineFacts, dataFiles, sessions, ended, exports, judgeUsed, mergedFrom, merge);
  }

  /** The manifest of an import of official results. */
  public static Manifest ofImport(String run, String created, Harness harness, ImportFacts facts,
                                  Map<String, Map<String, DataFile>> dataFiles) {
    return new Manifest(run, null, created, IMPORT, null, null, null, harness, facts, null, null, null, dataFiles,
        null, null, null, null, null, null);
  }

  /** @param version the harness version @param gitCommit its commit */
  @JsonPropertyOrder({"version", "git_commit"})
  public record Harness(String version, String gitCommit) {
    /** The running code. */
    public static Harness current() {
      return new Harness(org.irgeval.util.BuildInfo.version(), org.irgeval.util.BuildInfo.gitCommit());
    }

    /** "version (commit)", or the version alone. */
    public String text() {
      return (version == null ? "" : version) + (gitCommit == null ? "" : " (" + gitCommit + ")");
    }
  }

  /** @param sha256 the file's SHA-256 @param bytes its size */
  @JsonPropertyOrder({"sha256", "bytes"})
  public record DataFile(String sha256, long bytes) {}

  /**
   * One invocation that worked on the run.
   *
   * @param started when
   * @param argv    its command line (null for a merge)
   * @param mode    generate_and_score, generate_only, score_only or merge
   * @param shard   the shard whose session this was (in a merged run)
   * @param shards  how many shards a merge joined
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"started", "argv", "mode", "shard", "shards"})
  public record Session(String started, List<String> argv, String mode, String shard, Integer shards) {
    public Session inShard(String shard) {
      return new Session(started, argv, mode, shard, shards);
    }
  }

  /**
   * The official-layout export of the last session (docs/architecture.md, run directory contract).
   *
   * @param images                     images exported in all
   * @param placedThisSession          placed by this session
   * @param hardLinkedThisSession      as hard links
   * @param copiedThisSession          as copies
   * @param writtenByLayoutThisSession written by the layout itself (re-encoded, composed)
   * @param copyReason                 why copies were made, if any
   * @param failedThisSession          prompts whose export failed (retried by the next run), absent when none
   * @param errors                     their errors
   * @param secondsAfterLastTrajectory from the last trajectory stored to every export done
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"images", "placed_this_session", "hard_linked_this_session", "copied_this_session",
      "written_by_layout_this_session", "copy_reason", "failed_this_session", "errors",
      "seconds_after_last_trajectory"})
  public record Exports(int images, int placedThisSession, int hardLinkedThisSession, int copiedThisSession,
                        int writtenByLayoutThisSession, String copyReason, Integer failedThisSession,
                        List<String> errors, Double secondsAfterLastTrajectory) {
    public int failures() {
      return failedThisSession == null ? 0 : failedThisSession;
    }
  }

  /** @param models the judge models that answered */
  public record JudgeUsed(List<String> models) {}

  /**
   * @param benchmark       the benchmark imported
   * @param officialResults the official results' path
   * @param sha256          their hash ({@code ImportService.resultsHash})
   * @param promptVersion   the prompt set's version
   */
  @JsonPropertyOrder({"benchmark", "official_results", "sha256", "prompt_version"})
  public record ImportFacts(String benchmark, String officialResults, String sha256, String promptVersion) {}

  /** One shard a merge joined (its manifest's facts, as the shard recorded them). */
  @JsonPropertyOrder({"dir", "shard", "trajectories", "started", "ended", "endpoints", "pipeline_facts", "harness"})
  public record ShardSource(String dir, String shard, int trajectories, String started, String ended,
                            List<String> endpoints, JsonNode pipelineFacts, Harness harness) {}

  /** A merge's counts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"shards", "images_linked", "images_copied", "copy_reason", "missing_trajectories"})
  public record MergeFacts(int shards, long imagesLinked, long imagesCopied, String copyReason,
                           int missingTrajectories) {}
}
