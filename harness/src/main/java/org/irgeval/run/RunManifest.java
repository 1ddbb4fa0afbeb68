package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PromptSet;
import org.irgeval.util.BuildInfo;
import org.irgeval.util.Json;

/**
 * {@code manifest.json} and the configuration fingerprint inside it: what a run was asked to do, with what
 * data, code, pipeline and judge, across all the sessions that worked on it.
 */
final class RunManifest {
  private final ObjectMapper mapper = Json.mapper();

  ObjectNode fingerprint(RunConfig cfg, List<BenchmarkRun> benches, Pipeline pipeline, ObjectNode manifest) {
    ObjectNode f = mapper.createObjectNode();
    f.put("seed", cfg.seed());
    f.put("turns", turns(cfg, pipeline, manifest));
    if (cfg.shard() != null) {
      f.put("shard", cfg.shard().toString()); // absent = every prompt (ConfigFingerprint compares it strictly)
    }
    if (pipeline != null) {
      f.put("pipeline", cfg.pipeline());
      f.set("pipeline_settings", mapper.valueToTree(pipeline.settings()));
    } else if (manifest != null && manifest.has("fingerprint")) {
      // Score-only: keep the generating session's pipeline entries.
      JsonNode old = manifest.get("fingerprint");
      f.set("pipeline", old.get("pipeline"));
      f.set("pipeline_settings", old.get("pipeline_settings"));
    }
    ObjectNode bs = f.putObject("benchmarks");
    for (BenchmarkRun b : benches) {
      ObjectNode e = bs.putObject(b.id());
      e.put("version", b.prompts().version());
      e.put("samples", b.samples());
      ObjectNode files = e.putObject("files");
      b.prompts().files().forEach(df -> files.put(df.path(), df.sha256()));
      if (b.scorer() != null) {
        e.putObject("scorer").put("id", b.scorerId()).put("fingerprint", b.scorer().fingerprint());
      }
    }
    return f;
  }

  /**
   * Image turns per trajectory: what the pipeline resolved (e.g. its preset's count when --turns was not
   * given), else --turns, else what the generating session recorded (score-only), else 2.
   */
  static int turns(RunConfig cfg, Pipeline pipeline, ObjectNode manifest) {
    if (pipeline != null && pipeline.settings().get("turns") instanceof Number n) {
      return n.intValue();
    }
    if (cfg.pipelineConfig().turns() > 0) {
      return cfg.pipelineConfig().turns();
    }
    if (manifest != null && manifest.path("fingerprint").path("turns").isInt()) {
      return manifest.path("fingerprint").path("turns").asInt();
    }
    return 2;
  }

  ObjectNode manifest(RunConfig cfg, ObjectNode old, ObjectNode fingerprint, List<PromptSet> sets,
                              Pipeline pipeline, boolean plumbing, List<String> scorerNotes) {
    ObjectNode m = old == null ? mapper.createObjectNode() : old.deepCopy();
    m.put("run", cfg.name());
    if (!m.has("started")) {
      m.put("started", Instant.now().toString());
    }
    m.remove("ended");
    m.put("plumbing", plumbing);
    if (plumbing) {
      m.put("notice", SummaryBuilder.PLUMBING_NOTICE);
    }
    m.remove("scorer_notes");
    if (!scorerNotes.isEmpty()) {
      m.set("scorer_notes", mapper.valueToTree(scorerNotes));
    }
    m.putObject("harness").put("version", BuildInfo.version()).put("git_commit", BuildInfo.gitCommit());
    ObjectNode merged = old != null && old.get("fingerprint") instanceof ObjectNode of ? of.deepCopy()
        : mapper.createObjectNode();
    mergeInto(merged, fingerprint);
    m.set("fingerprint", merged);
    ObjectNode c = m.putObject("config");
    c.put("data_dir", cfg.dataDir().toAbsolutePath().normalize().toString());
    c.set("benchmarks", mapper.valueToTree(cfg.benchmarks()));
    c.set("bench_options", mapper.valueToTree(cfg.benchOptions()));
    c.put("limit", cfg.limit());
    if (cfg.shard() != null) {
      c.put("shard", cfg.shard().toString());
    } else {
      c.remove("shard");
    }
    if (cfg.samples() != null) {
      c.put("samples", cfg.samples());
    }
    c.put("seed", cfg.seed());
    c.put("mode", cfg.mode().name().toLowerCase(java.util.Locale.ROOT));
    c.put("pipeline", cfg.pipeline());
    c.put("preset", cfg.pipelineConfig().preset());
    c.put("turns", fingerprint.path("turns").asInt());
    c.put("concurrency", cfg.pipelineConfig().concurrency());
    c.set("endpoints", mapper.valueToTree(cfg.pipelineConfig().endpoints().stream().map(Object::toString).toList()));
    c.set("scorers", mapper.valueToTree(cfg.scorers()));
    if (cfg.judge() != null) {
      // Only the variable's name: the key itself never reaches a file.
      c.putObject("judge").put("url", cfg.judge().url()).put("model", cfg.judge().model())
          .put("key_env", cfg.judge().keyEnv());
    }
    if (pipeline != null) {
      m.set("pipeline_facts", mapper.valueToTree(pipeline.facts()));
    }
    ObjectNode data = m.putObject("data_files");
    for (PromptSet s : sets) {
      ObjectNode d = data.putObject(s.benchmark());
      s.files().forEach(f -> d.putObject(f.path()).put("sha256", f.sha256()).put("bytes", f.bytes()));
    }
    ArrayNode sessions = m.has("sessions") ? (ArrayNode) m.get("sessions") : m.putArray("sessions");
    ObjectNode session = sessions.addObject();
    session.put("started", Instant.now().toString());
    session.set("argv", mapper.valueToTree(cfg.argv()));
    session.put("mode", cfg.mode().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  private static void mergeInto(ObjectNode into, ObjectNode from) {
    from.fields().forEachRemaining(e -> {
      if (e.getValue() instanceof ObjectNode o && into.get(e.getKey()) instanceof ObjectNode i) {
        mergeInto(i, o);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }
}
