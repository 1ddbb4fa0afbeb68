package org.irgeval.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.Summary;
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
  private final RunLock lock;
  /** Trajectories set aside in this session (their images damaged): no score of them is stored any more. */
  private final Set<String> invalidated = ConcurrentHashMap.newKeySet();

  private RunStore(Path dir, RunLock lock) throws IOException {
    this.dir = dir;
    this.lock = lock;
    trajectoryLog = JsonlLog.open(dir.resolve(TRAJECTORIES), mapper);
    scoreLog = JsonlLog.open(dir.resolve(SCORES), mapper);
    for (JsonNode n : trajectoryLog.records()) {
      Trajectory t = mapper.treeToValue(n, Trajectory.class);
      trajectories.put(t.id(), t);
    }
    dropTrajectoriesWithMissingImages();
    setAsideDamagedImages();
    for (JsonNode n : scoreLog.records()) {
      ScoreLine line = mapper.treeToValue(n, ScoreLine.class);
      ScoreRecord r = fromLine(line);
      // A score of an image that was generated again since (its hash differs, or it is to be generated again) is
      // void: the later line for the same key, if any, replaces it.
      if (line.imageSha256() == null || line.imageSha256().equals(imageSha(r.key()))) {
        scores.put(r.key(), r);
      } else {
        scores.remove(r.key());
      }
    }
    if (trajectoryLog.repair() != null) {
      repairs.add(trajectoryLog.repair());
    }
    if (scoreLog.repair() != null) {
      repairs.add(scoreLog.repair());
    }
  }

  /**
   * Opens (or creates) a run directory, takes its lock ({@link RunLock}) and reloads its journals, repairing a torn
   * last line. A folder that holds other files but no run is refused, so a mistyped {@code --out} never writes a
   * run into someone's data.
   */
  public static RunStore open(Path dir) throws IOException {
    if (Files.isDirectory(dir) && !isRun(dir)) {
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new NotARunException(dir + " is not empty and holds no irg-eval run (no " + MANIFEST + ", "
              + TRAJECTORIES + " or " + SCORES + "): choose another --out");
        }
      }
    }
    Files.createDirectories(dir);
    RunLock lock = RunLock.acquire(dir);
    try {
      return new RunStore(dir, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Refuses a folder holding journals but no manifest: {@code run} writes its manifest before its first journal line,
   * so such a folder (a lone {@code scores.jsonl}) is not a run this tool wrote and is never adopted as one.
   */
  public static void requireManifestWithJournals(Path dir) throws NotARunException, IOException {
    if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)
        && (nonEmpty(dir.resolve(SCORES)) || nonEmpty(dir.resolve(TRAJECTORIES)))) {
      throw new NotARunException(dir + " holds " + SCORES + " or " + TRAJECTORIES + " but no " + MANIFEST + ": not an"
          + " irg-eval run (or one whose manifest was lost); choose another --out, or restore the manifest");
    }
  }

  private static boolean nonEmpty(Path f) throws IOException {
    return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) > 0;
  }

  /** True when {@code dir} holds a run's files. */
  public static boolean isRun(Path dir) {
    return Files.exists(dir.resolve(MANIFEST)) || Files.exists(dir.resolve(TRAJECTORIES))
        || Files.exists(dir.resolve(SCORES)) || Files.exists(dir.resolve(SUMMARY))
        || Files.exists(dir.resolve(RunLock.FILE));
  }

  /** A folder that is not a run directory. */
  public static final class NotARunException extends IOException {
    public NotARunException(String message) {
      super(message);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Repairs done when opening (torn last lines), for the user to see. */
  public List<String> repairs() {
    return List.copyOf(repairs);
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
      AtomicFiles.write(dir, dir.resolve(rel), t.png());
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

  /** Appends one score line (fsynced), with the hash of the image it scored; a key already stored is not written again. */
  public void putScore(ScoreRecord record) throws IOException {
    ScoreKey k = record.key();
    if (invalidated.contains(GenerationRequest.idOf(k.benchmark(), k.promptId(), k.sample()))) {
      return; // its trajectory is to be generated again: this score would describe an image that is going away
    }
    if (scores.putIfAbsent(k, record) == null) {
      scoreLog.append(toLine(record, imageSha(k)));
    }
  }

  /**
   * Forgets a trajectory whose stored image is gone or damaged (its file is set aside as {@code <image>.bad}), so
   * the next run generates it again and scores the new images; said once with the path.
   */
  public synchronized void invalidate(Trajectory t, String why) throws IOException {
    invalidated.add(t.id());
    if (trajectories.remove(t.id()) == null) {
      return;
    }
    for (Trajectory.Turn turn : t.turns()) {
      Path f = dir.resolve(turn.image());
      SafeFiles.check(dir, f); // a link is renamed, never followed, but a linked folder above it is refused
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(f, f.resolveSibling(f.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
      }
      scores.keySet().removeIf(k -> k.benchmark().equals(t.benchmark()) && k.promptId().equals(t.promptId())
          && k.sample() == t.sample());
    }
    repairs.add(why + "; trajectory " + t.id() + " will be generated again");
  }

  /** The recorded SHA-256 of the image a score key refers to, or null (an imported score has no image). */
  private String imageSha(ScoreKey k) {
    Trajectory t = trajectories.get(GenerationRequest.idOf(k.benchmark(), k.promptId(), k.sample()));
    if (t == null) {
      return null;
    }
    return t.turns().stream().filter(turn -> turn.variant().equals(k.variant())).map(Trajectory.Turn::sha256)
        .findFirst().orElse(null);
  }

  /** A trajectory whose image file is gone (deleted, a disk restored without it) is generated again. */
  private void dropTrajectoriesWithMissingImages() {
    for (Trajectory t : List.copyOf(trajectories.values())) {
      for (Trajectory.Turn turn : t.turns()) {
        if (!Files.isRegularFile(dir.resolve(turn.image()))) {
          trajectories.remove(t.id());
          repairs.add("image missing: " + dir.resolve(turn.image()) + "; trajectory " + t.id()
              + " will be generated again");
          break;
        }
      }
    }
  }

  /**
   * A stored image whose bytes no longer have the SHA-256 recorded when it was generated (a disk error, an edit, a
   * truncated copy) is set aside as {@code <image>.bad} and its trajectory forgotten, so its scores are void (below)
   * and the next run generates and scores it again; said once with the path. Checked at every open, scored or not:
   * an image damaged after it was scored is never reported, merged or exported as the image its scores describe.
   * Costs one read of every image (hashed on every core).
   */
  private void setAsideDamagedImages() throws IOException {
    List<String> damaged = Collections.synchronizedList(new ArrayList<>());
    trajectories.values().parallelStream().forEach(t -> {
      for (Trajectory.Turn turn : t.turns()) {
        if (turn.sha256() == null) {
          continue;
        }
        Path f = dir.resolve(turn.image());
        try {
          // a link or a FIFO in place of an image is never read through (a FIFO would block)
          if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              || !turn.sha256().equals(Hashing.sha256(f))) {
            damaged.add(t.id());
            return;
          }
        } catch (IOException | RuntimeException e) {
          damaged.add(t.id());
          return;
        }
      }
    });
    for (String id : damaged) {
      Trajectory t = trajectories.remove(id);
      for (Trajectory.Turn turn : t.turns()) {
        Path f = dir.resolve(turn.image());
        SafeFiles.check(dir, f);
        if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.move(f, f.resolveSibling(f.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      repairs.add("image damaged since it was stored (SHA-256 differs): " + dir.resolve(t.turns().get(0).image())
          .getParent() + "; trajectory " + id + " set aside (.bad) and will be generated and scored again");
    }
  }

  /** Reads {@code manifest.json} as a tree, or null when the run is new. */
  private ObjectNode readManifestTree() throws IOException {
    Path f = dir.resolve(MANIFEST);
    if (SafeFiles.attributes(f) == null) {
      return null;
    }
    try {
      return (ObjectNode) mapper.readTree(SafeFiles.read(dir, f, 64L << 20));
    } catch (SafeFiles.UnsafePathException e) {
      throw e;
    } catch (IOException | ClassCastException e) {
      throw new IOException(f + ": not a JSON object (" + e.getMessage() + ")", e);
    }
  }

  /** The run's {@code summary.json}, if there is a readable one (an unreadable one is recomputed, never trusted). */
  public Optional<Summary> readSummary() {
    Path f = dir.resolve(SUMMARY);
    try {
      if (SafeFiles.attributes(f) == null) {
        return Optional.empty();
      }
      return Optional.of(Summary.of(mapper.readTree(SafeFiles.read(dir, f, 256L << 20))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The manifest of a run directory that is not open (no lock taken: a read of one file). */
  public static Manifest readManifestOf(Path dir) throws IOException {
    Path f = dir.resolve(MANIFEST);
    try {
      return Manifest.of(Json.mapper().readTree(f.toFile()));
    } catch (IOException e) {
      throw new IOException(f + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code manifest.json}, or null when the run is new. */
  public Manifest readManifest() throws IOException {
    ObjectNode m = readManifestTree();
    try {
      return m == null ? null : Manifest.of(m);
    } catch (IOException e) {
      throw new IOException(dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
    }
  }

  public void writeManifest(Manifest m) throws IOException {
    AtomicFiles.write(dir, dir.resolve(MANIFEST), RecordJson.bytes(m));
  }

  public void writeSummary(Summary s) throws IOException {
    AtomicFiles.write(dir, dir.resolve(SUMMARY), RecordJson.bytes(s));
  }

  /** Records the prompt set of a benchmark ({@link #PROMPTS}), rewritten only when it changed. */
  public void writePromptSet(PromptSet set) throws IOException {
    Path f = dir.resolve(PROMPTS).resolve(PromptIds.safe(set.benchmark()) + ".json");
    byte[] bytes = mapper.writeValueAsBytes(set);
    SafeFiles.checkFile(dir, f);
    if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
      AtomicFiles.write(dir, f, bytes);
    }
  }

  /**
   * The flat shape of a {@code scores.jsonl} line.
   *
   * @param imageSha256 the SHA-256 of the image scored (null for imported scores and lines written before it was
   *                    recorded)
   */
  record ScoreLine(String benchmark, String promptId, int sample, String variant, String scorer,
                   Map<String, Double> values, JsonNode detail, String raw, String error, long millis,
                   String imageSha256) {}

  private static ScoreLine toLine(ScoreRecord r, String imageSha256) {
    ScoreKey k = r.key();
    return new ScoreLine(k.benchmark(), k.promptId(), k.sample(), k.variant(), k.scorer(),
        new LinkedHashMap<>(r.values()), r.detail(), r.raw(), r.error(), r.millis(), imageSha256);
  }

  static ScoreRecord fromLine(ScoreLine l) {
    return new ScoreRecord(new ScoreKey(l.benchmark(), l.promptId(), l.sample(), l.variant(), l.scorer()),
        l.values() == null ? Map.of() : l.values(), l.detail(), l.raw(), l.error(), l.millis());
  }

  @Override
  public void close() throws IOException {
    try {
      trajectoryLog.close();
      scoreLog.close();
    } finally {
      lock.close();
    }
  }
}
