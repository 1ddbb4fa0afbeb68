package org.irgeval.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.PromptIds;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Trajectory;
import org.irgeval.api.Variant;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * A run directory (docs/architecture.md, "Run directory contract"): {@code manifest.json}, {@code trajectories.jsonl},
 * {@code images/<benchmark>/<prompt-id>/<sample>-<turn>.png}, {@code scores.jsonl}, {@code summary.json}.
 * Images are written atomically before the trajectory line that names them; journal lines are fsynced.
 * Opening an existing run reloads what it holds, so a restarted run does only the missing work.
 */
public final class RunStore implements AutoCloseable {
  public static final String MANIFEST = "manifest.json";
  public static final String TRAJECTORIES = "trajectories.jsonl";
  public static final String SCORES = "scores.jsonl";
  public static final String SUMMARY = "summary.json";
  /** Folder of the prompt sets a run used, one {@code <benchmark>.json} each, so reports need no data folder. */
  public static final String PROMPTS = "prompts";

  private final Path dir;
  private final ObjectMapper mapper = Json.mapper();
  private final JsonlLog trajectoryLog;
  private final JsonlLog scoreLog;
  private final Map<String, Trajectory> trajectories = new ConcurrentHashMap<>();
  private final Map<ScoreKey, ScoreRecord> scores = new ConcurrentHashMap<>();
  private final List<String> repairs = new ArrayList<>();

  private RunStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    trajectoryLog = JsonlLog.open(dir.resolve(TRAJECTORIES), mapper);
    scoreLog = JsonlLog.open(dir.resolve(SCORES), mapper);
    for (JsonNode n : trajectoryLog.records()) {
      Trajectory t = mapper.treeToValue(n, Trajectory.class);
      trajectories.put(t.id(), t);
    }
    for (JsonNode n : scoreLog.records()) {
      ScoreRecord r = fromLine(mapper.treeToValue(n, ScoreLine.class));
      scores.put(r.key(), r);
    }
    if (trajectoryLog.repair() != null) {
      repairs.add(trajectoryLog.repair());
    }
    if (scoreLog.repair() != null) {
      repairs.add(scoreLog.repair());
    }
  }

  /** Opens (or creates) a run directory and reloads its journals, repairing a torn last line. */
  public static RunStore open(Path dir) throws IOException {
    return new RunStore(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Repairs done when opening (torn last lines), for the user to see. */
  public List<String> repairs() {
    return List.copyOf(repairs);
  }

  public boolean hasTrajectory(String id) {
    return trajectories.containsKey(id);
  }

  public Trajectory trajectory(String id) {
    return trajectories.get(id);
  }

  public Collection<Trajectory> trajectories() {
    return trajectories.values();
  }

  public boolean hasScore(ScoreKey key) {
    return scores.containsKey(key);
  }

  public Collection<ScoreRecord> scores() {
    return scores.values();
  }

  /** Relative path of a turn's image. */
  public static String imagePath(String benchmark, String promptId, int sample, int turn) {
    return "images/" + PromptIds.safe(benchmark) + "/" + PromptIds.safe(promptId) + "/" + sample + "-" + turn + ".png";
  }

  /**
   * Stores a finished generation: images first (atomic), then one fsynced journal line. Returns the
   * stored trajectory. A trajectory already stored is returned unchanged (never written twice). Image writes
   * run outside the lock so parallel workers' fsyncs overlap; only the check-and-append is serialised.
   */
  public Trajectory putTrajectory(GenerationRequest req, Generation gen, long wallMs) throws IOException {
    Trajectory existing = trajectories.get(req.id());
    if (existing != null) {
      return existing;
    }
    List<Trajectory.Turn> turns = new ArrayList<>();
    for (int i = 0; i < gen.turns().size(); i++) {
      GeneratedTurn t = gen.turns().get(i);
      int turn = i + 1;
      String rel = imagePath(req.benchmark(), req.prompt().id(), req.sample(), turn);
      AtomicFiles.write(dir.resolve(rel), t.png());
      turns.add(new Trajectory.Turn(turn, Variant.ofTurn(turn), t.text(), rel, Hashing.sha256(t.png()), t.timingsMs(),
          t.tokens()));
    }
    Trajectory traj = new Trajectory(req.id(), req.benchmark(), req.prompt().id(), req.sample(), req.seed(), turns,
        gen.model(), gen.endpoint(), wallMs);
    synchronized (this) {
      existing = trajectories.get(req.id());
      if (existing != null) {
        return existing;
      }
      trajectoryLog.append(traj);
      trajectories.put(traj.id(), traj);
    }
    return traj;
  }

  /** Appends one score line (fsynced); a key already stored is not written again. */
  public void putScore(ScoreRecord record) throws IOException {
    if (scores.putIfAbsent(record.key(), record) == null) {
      scoreLog.append(toLine(record));
    }
  }

  /** Reads {@code manifest.json}, or null when the run is new. */
  public ObjectNode readManifest() throws IOException {
    Path f = dir.resolve(MANIFEST);
    if (!Files.exists(f)) {
      return null;
    }
    try {
      return (ObjectNode) mapper.readTree(f.toFile());
    } catch (IOException | ClassCastException e) {
      throw new IOException(f + ": not a JSON object (" + e.getMessage() + ")", e);
    }
  }

  /** Records the prompt set of a benchmark ({@link #PROMPTS}), rewritten only when it changed. */
  public void writePromptSet(PromptSet set) throws IOException {
    Path f = dir.resolve(PROMPTS).resolve(PromptIds.safe(set.benchmark()) + ".json");
    byte[] bytes = mapper.writeValueAsBytes(set);
    if (!Files.exists(f) || !java.util.Arrays.equals(Files.readAllBytes(f), bytes)) {
      AtomicFiles.write(f, bytes);
    }
  }

  public void writeJson(String name, Object value) throws IOException {
    AtomicFiles.write(dir.resolve(name), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }

  /** The flat shape of a {@code scores.jsonl} line. */
  record ScoreLine(String benchmark, String promptId, int sample, String variant, String scorer,
                   Map<String, Double> values, JsonNode detail, String raw, String error, long millis) {}

  private static ScoreLine toLine(ScoreRecord r) {
    ScoreKey k = r.key();
    return new ScoreLine(k.benchmark(), k.promptId(), k.sample(), k.variant(), k.scorer(),
        new LinkedHashMap<>(r.values()), r.detail(), r.raw(), r.error(), r.millis());
  }

  static ScoreRecord fromLine(ScoreLine l) {
    return new ScoreRecord(new ScoreKey(l.benchmark(), l.promptId(), l.sample(), l.variant(), l.scorer()),
        l.values() == null ? Map.of() : l.values(), l.detail(), l.raw(), l.error(), l.millis());
  }

  @Override
  public void close() throws IOException {
    trajectoryLog.close();
    scoreLog.close();
  }
}
