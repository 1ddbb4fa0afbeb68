package org.irgeval.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PromptSet;
import org.irgeval.store.record.Fingerprint;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.RunFingerprint;
import org.irgeval.store.record.RunSpecRecord;

/**
 * {@code manifest.json} and the configuration fingerprint inside it: what a run was asked to do, with what
 * data, code, pipeline and judge, across all the sessions that worked on it.
 */
final class RunManifest {
  RunFingerprint fingerprint(RunConfig cfg, List<BenchmarkRun> benches, Pipeline pipeline, Manifest manifest) {
    String pipelineId = null;
    com.fasterxml.jackson.databind.JsonNode settings = null;
    if (pipeline != null) {
      pipelineId = cfg.pipeline();
      settings = RecordJson.sortedTree(pipeline.settings());
    } else if (manifest != null && manifest.fingerprint() != null) {
      // Score-only: keep the generating session's pipeline entries.
      pipelineId = manifest.fingerprint().pipeline();
      settings = manifest.fingerprint().pipelineSettings();
    }
    Map<String, RunFingerprint.BenchmarkFingerprint> bs = new LinkedHashMap<>();
    for (BenchmarkRun b : benches) {
      Map<String, String> files = new LinkedHashMap<>();
      b.prompts().files().forEach(df -> files.put(df.path(), df.sha256()));
      bs.put(b.id(), new RunFingerprint.BenchmarkFingerprint(b.prompts().version(), b.samples(), files,
          b.scorer() == null ? null
              : new RunFingerprint.ScorerId(b.scorerId(), Fingerprint.parse(b.scorer().fingerprint()))));
    }
    // the shard: absent = every prompt (ConfigFingerprint compares it strictly)
    return new RunFingerprint(cfg.seed(), turns(cfg, pipeline, manifest),
        cfg.shard() == null ? null : cfg.shard().toString(), pipelineId, settings, bs);
  }

  /**
   * Image turns per trajectory: what the pipeline resolved (e.g. its preset's count when --turns was not
   * given), else --turns, else what the generating session recorded (score-only), else 2.
   */
  static int turns(RunConfig cfg, Pipeline pipeline, Manifest manifest) {
    if (pipeline != null && pipeline.settings().get("turns") instanceof Number n) {
      return n.intValue();
    }
    if (cfg.pipelineConfig().turns() > 0) {
      return cfg.pipelineConfig().turns();
    }
    if (manifest != null && manifest.fingerprint() != null && manifest.fingerprint().turns() != null) {
      return manifest.fingerprint().turns();
    }
    return 2;
  }

  Manifest manifest(RunConfig cfg, Manifest old, RunFingerprint fingerprint, List<PromptSet> sets,
                    Pipeline pipeline, boolean plumbing, List<String> scorerNotes) {
    String now = Instant.now().toString();
    Manifest m = old == null ? Manifest.startRun(cfg.name(), now) : old.withRun(cfg.name());
    if (m.started() == null) {
      m = m.withStarted(now);
    }
    m = m.withEnd(null, m.exports(), m.judgeUsed())
        .withPlumbing(plumbing, plumbing ? SummaryBuilder.PLUMBING_NOTICE : null,
            scorerNotes.isEmpty() ? null : List.copyOf(scorerNotes));
    String mode = cfg.mode().name().toLowerCase(Locale.ROOT);
    RunSpecRecord spec = new RunSpecRecord(cfg.dataDir().toAbsolutePath().normalize().toString(), cfg.benchmarks(),
        sorted(cfg.benchOptions()), cfg.limit(), cfg.shard() == null ? null : cfg.shard().toString(), cfg.samples(),
        cfg.seed(), mode, cfg.pipeline(), cfg.pipelineConfig().preset(), fingerprint.turns(),
        cfg.pipelineConfig().concurrency(),
        cfg.pipelineConfig().endpoints().stream().map(Object::toString).toList(), new TreeMap<>(cfg.scorers()),
        // Only the variable's name: the key itself never reaches a file.
        cfg.judge() == null ? null : new RunSpecRecord.Judge(cfg.judge().baseUrl().toString(), cfg.judge().model(),
            cfg.judge().apiKeyEnv()));
    Map<String, Map<String, Manifest.DataFile>> data = new LinkedHashMap<>();
    for (PromptSet s : sets) {
      Map<String, Manifest.DataFile> d = new LinkedHashMap<>();
      s.files().forEach(f -> d.put(f.path(), new Manifest.DataFile(f.sha256(), f.bytes())));
      data.put(s.benchmark(), d);
    }
    List<Manifest.Session> sessions = new ArrayList<>(m.sessions() == null ? List.of() : m.sessions());
    sessions.add(new Manifest.Session(now, cfg.argv(), mode, null, null));
    return m.withSetup(Manifest.Harness.current(), fingerprint.over(old == null ? null : old.fingerprint()), spec,
        pipeline == null ? null : RecordJson.sortedTree(pipeline.facts()), data).withSessions(sessions);
  }

  private static Map<String, Map<String, String>> sorted(Map<String, Map<String, String>> options) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    options.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
    return out;
  }
}
