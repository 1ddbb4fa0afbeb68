package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptIds;
import org.irgeval.api.PromptSet;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunLock;
import org.irgeval.store.RunStore;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Hashing;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.RunFingerprint;
import org.irgeval.util.Json;

/**
 * Joins the run directories of the shards of one run ({@code irg-eval run --shard i/N}) into one run directory that
 * is exactly what the unsharded run would have stored: one configuration fingerprint (the shard aside), every
 * planned prompt covered by exactly one shard, journals in plan order, images hard-linked where the file system
 * allows, the full prompt sets in {@code prompts/}, a manifest that records the shards. The summary, exports and
 * report are then made by the ordinary score-only path ({@code irg-eval merge} does it), so a merged run is scored,
 * reported and compared like any other, and an unsharded {@code irg-eval run} with the same settings resumes it.
 */
public final class RunMerger {
  private static final int LIST_MAX = 20;
  private final ObjectMapper mapper = Json.mapper();

  /** What a merge wrote. */
  public record Result(Path out, int shards, int trajectories, int scores, int imagesLinked, int imagesCopied,
                       String copyReason, List<String> missingTrajectories) {}

  /** A merge refused; the message lists what is wrong. */
  public static final class MergeException extends IllegalArgumentException {
    public MergeException(String message) {
      super(message);
    }
  }

  private record ShardRun(Path dir, Manifest manifest, ShardPlan plan, Map<String, JsonNode> trajectories,
                          List<JsonNode> scores) {}

  /**
   * @param shardDirs       the shards' run directories
   * @param out             the merged run directory (must not exist, or be empty)
   * @param allowIncomplete merge even when trajectories are missing (generation failures); the merged run then
   *                        resumes them with an unsharded {@code irg-eval run}
   */
  public Result merge(List<Path> shardDirs, Path out, boolean allowIncomplete) throws IOException {
    if (shardDirs.isEmpty()) {
      throw new MergeException("merge needs the run directories of the shards");
    }
    if (Files.isDirectory(out)) {
      try (var s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          if (Files.isRegularFile(out.resolve(RunStore.MANIFEST)) && mergedRun(out)) {
            throw new MergeException(out + " already holds a merged run (its scoring may not have finished): to score"
                + " and summarise it, run 'irg-eval score " + out + "'; to merge again, choose a new --out");
          }
          throw new MergeException(out + " exists and is not empty: merge writes a new run directory");
        }
      }
    }
    cleanStaleTemps(out);
    // Each shard's lock, shared: a shard still being written (its run holds the exclusive lock) is refused, and no
    // run can start on a shard while it is read.
    List<RunLock> locks = new ArrayList<>();
    Path tmp = tempOf(out, ProcessHandle.current().pid());
    boolean moved = false;
    try {
      Set<Path> locked = new HashSet<>();
      for (Path d : shardDirs) {
        if (!RunStore.isRun(d)) {
          throw new MergeException(d + " holds no irg-eval run (no " + RunStore.MANIFEST + ")");
        }
        if (locked.add(d.toAbsolutePath().normalize())) { // a shard given twice is refused below, by the plan check
          locks.add(RunLock.acquireShared(d));
        }
      }
      Result r = mergeLocked(shardDirs, out, tmp, allowIncomplete);
      moved = true;
      return r;
    } finally {
      if (!moved) {
        deleteRecursively(tmp); // a failed merge leaves no temporary folder behind (it may be large)
      }
      for (RunLock l : locks) {
        l.close();
      }
    }
  }

  /** The temporary folder a merge by process {@code pid} builds {@code out} in, beside it. */
  static Path tempOf(Path out, long pid) {
    return out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".merging-" + pid);
  }

  /** Removes the temporary folders of earlier merges into {@code out} whose process is gone (killed merges). */
  private static void cleanStaleTemps(Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    String prefix = "." + out.getFileName() + ".merging-";
    try (var s = Files.list(parent)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (!n.startsWith(prefix)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(n.substring(prefix.length()));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue; // a merge that is still running (its pid may also have been reused: left alone)
        }
        deleteRecursively(p);
      }
    }
  }

  private Result mergeLocked(List<Path> shardDirs, Path out, Path tmp, boolean allowIncomplete) throws IOException {
    List<ShardRun> shards = new ArrayList<>();
    for (Path d : shardDirs) {
      shards.add(read(d));
    }
    checkFingerprints(shards);
    Map<String, PromptSet> planned = checkPlans(shards);
    Map<String, Integer> samples = new LinkedHashMap<>();
    Map<String, RunFingerprint.BenchmarkFingerprint> fp0 = shards.get(0).manifest().fingerprint().benchmarks();
    for (String b : planned.keySet()) {
      RunFingerprint.BenchmarkFingerprint f = fp0 == null ? null : fp0.get(b);
      samples.put(b, f == null || f.samples() == null ? 1 : f.samples());
    }
    // Which shard owns each (benchmark, prompt): exactly one, or the merge is refused.
    Map<String, Map<String, Integer>> owner = checkCoverage(shards, planned);

    // Trajectories: each planned one from its owner; none from elsewhere.
    List<String> missing = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<JsonNode> trajectories = new ArrayList<>();
    Set<String> kept = new LinkedHashSet<>();
    for (var e : planned.entrySet()) {
      String b = e.getKey();
      for (Prompt p : e.getValue().prompts()) {
        ShardRun s = shards.get(owner.get(b).get(p.id()));
        for (int k = 0; k < samples.get(b); k++) {
          String id = GenerationRequest.idOf(b, p.id(), k);
          JsonNode t = s.trajectories().get(id);
          if (t == null) {
            missing.add(id + " (shard " + s.plan().shard() + ", " + s.dir() + ")");
          } else {
            trajectories.add(t);
            kept.add(id);
          }
        }
      }
    }
    for (int i = 0; i < shards.size(); i++) {
      for (String id : shards.get(i).trajectories().keySet()) {
        if (!kept.contains(id)) {
          foreign.add(id + " in " + shards.get(i).dir());
        }
      }
    }
    if (!foreign.isEmpty()) {
      throw new MergeException("trajectories outside their shard's part of the plan (doubled or from another run): "
          + list(foreign));
    }
    if (!missing.isEmpty() && !allowIncomplete) {
      throw new MergeException(missing.size() + " planned trajectories are missing (failed generations; run those"
          + " shards again with the same command, or pass --allow-incomplete and complete the merged run with an"
          + " unsharded 'irg-eval run'): " + list(missing));
    }

    deleteRecursively(tmp);
    Files.createDirectories(tmp.getParent());
    Files.createDirectory(tmp); // a new folder (a link of that name is refused: it exists)
    FileLinks links = new FileLinks();
    ByteArrayOutputStream tj = new ByteArrayOutputStream();
    for (JsonNode t : trajectories) {
      ShardRun s = shards.get(owner.get(t.path("benchmark").asText()).get(t.path("prompt_id").asText()));
      for (JsonNode turn : t.path("turns")) {
        String rel = turn.path("image").asText();
        Path src = s.dir().resolve(rel);
        if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
          throw new MergeException(src + ": the image of trajectory " + t.path("id").asText() + " is missing"
              + (Files.isSymbolicLink(src) ? " (a symbolic link there is refused)" : ""));
        }
        SafeFiles.check(s.dir(), src);
        String want = turn.path("sha256").asText("");
        if (!want.isEmpty() && !want.equals(Hashing.sha256(src))) {
          // damaged after it was stored (and maybe scored): never merged as the image its scores describe
          throw new MergeException(src + ": the image of trajectory " + t.path("id").asText() + " differs from the"
              + " SHA-256 recorded when it was generated (damaged since); run that shard again with the same command"
              + " (it sets the image aside and generates it again), then merge");
        }
        links.place(tmp, src, tmp.resolve(rel));
      }
      tj.write(mapper.writeValueAsBytes(t));
      tj.write('\n');
    }
    links.syncDirectories();
    AtomicFiles.write(tmp, tmp.resolve(RunStore.TRAJECTORIES), tj.toByteArray());
    // Scores of the kept trajectories, in plan order; a key appears once.
    Map<String, List<JsonNode>> scoresById = new LinkedHashMap<>();
    Set<String> scoreKeys = new LinkedHashSet<>();
    for (ShardRun s : shards) {
      for (JsonNode sc : s.scores()) {
        String id = GenerationRequest.idOf(sc.path("benchmark").asText(), sc.path("prompt_id").asText(),
            sc.path("sample").asInt());
        String key = id + "\u0000" + sc.path("variant").asText() + "\u0000" + sc.path("scorer").asText();
        if (kept.contains(id) && scoreKeys.add(key)) {
          scoresById.computeIfAbsent(id, k -> new ArrayList<>()).add(sc);
        }
      }
    }
    ByteArrayOutputStream sj = new ByteArrayOutputStream();
    int nScores = 0;
    for (String id : kept) {
      for (JsonNode sc : scoresById.getOrDefault(id, List.of())) {
        sj.write(mapper.writeValueAsBytes(sc));
        sj.write('\n');
        nScores++;
      }
    }
    AtomicFiles.write(tmp, tmp.resolve(RunStore.SCORES), sj.toByteArray());
    for (PromptSet set : planned.values()) {
      AtomicFiles.write(tmp, tmp.resolve(RunStore.PROMPTS).resolve(PromptIds.safe(set.benchmark()) + ".json"),
          mapper.writeValueAsBytes(set));
    }
    Manifest manifest = manifest(shards, links, missing, out.getFileName().toString());
    AtomicFiles.write(tmp, tmp.resolve(RunStore.MANIFEST), RecordJson.bytes(manifest));
    if (Files.isDirectory(out)) {
      Files.delete(out); // empty, checked above
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    return new Result(out, shards.size(), trajectories.size(), nScores, links.linked(), links.copied(),
        links.copyReason(), List.copyOf(missing));
  }

  private ShardRun read(Path dir) throws IOException {
    Path mf = dir.resolve(RunStore.MANIFEST);
    if (!Files.isRegularFile(mf)) {
      throw new MergeException(dir + " is not a run directory (no " + RunStore.MANIFEST + ")");
    }
    Manifest manifest;
    try {
      manifest = Manifest.of(mapper.readTree(mf.toFile()));
    } catch (IOException e) {
      throw new MergeException(mf + ": not a run manifest (" + e.getMessage() + ")");
    }
    ShardPlan plan = ShardPlan.read(dir);
    if (plan == null || manifest.fingerprint() == null || manifest.fingerprint().shard() == null) {
      throw new MergeException(dir + " is not a shard (it was not run with --shard i/N): nothing to merge");
    }
    Map<String, JsonNode> trajectories = new LinkedHashMap<>();
    for (JsonNode t : lines(dir.resolve(RunStore.TRAJECTORIES))) {
      trajectories.putIfAbsent(t.path("id").asText(), t);
    }
    return new ShardRun(dir, manifest, plan, trajectories, lines(dir.resolve(RunStore.SCORES)));
  }

  private void checkFingerprints(List<ShardRun> shards) {
    JsonNode first = RecordJson.tree(shards.get(0).manifest().fingerprint().withoutShard());
    List<String> problems = new ArrayList<>();
    for (int i = 1; i < shards.size(); i++) {
      JsonNode other = RecordJson.tree(shards.get(i).manifest().fingerprint().withoutShard());
      List<String> d = new ArrayList<>();
      strictDiff("", first, other, d);
      for (String x : d) {
        problems.add(shards.get(i).dir() + " vs " + shards.get(0).dir() + ": " + x);
      }
    }
    if (!problems.isEmpty()) {
      throw new MergeException("the shards were run with different configurations (fingerprints differ, the shard"
          + " aside):\n  " + String.join("\n  ", problems));
    }
  }

  private Map<String, PromptSet> checkPlans(List<ShardRun> shards) {
    Map<String, PromptSet> first = shards.get(0).plan().planned();
    JsonNode a = mapper.valueToTree(first);
    for (int i = 1; i < shards.size(); i++) {
      JsonNode b = mapper.valueToTree(shards.get(i).plan().planned());
      if (!a.equals(b)) {
        List<String> d = new ArrayList<>();
        strictDiff("", a, b, d);
        throw new MergeException(shards.get(i).dir() + " and " + shards.get(0).dir() + " planned different prompts"
            + " (another --limit, --benchmarks or prompt file?): " + list(d));
      }
    }
    return first;
  }

  private Map<String, Map<String, Integer>> checkCoverage(List<ShardRun> shards, Map<String, PromptSet> planned) {
    Map<String, Map<String, Integer>> owner = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> doubled = new ArrayList<>();
    for (var e : planned.entrySet()) {
      String b = e.getKey();
      List<String> ids = e.getValue().prompts().stream().map(Prompt::id).toList();
      Map<String, List<Integer>> claims = new LinkedHashMap<>();
      ids.forEach(id -> claims.put(id, new ArrayList<>()));
      for (int i = 0; i < shards.size(); i++) {
        Shard sh = shards.get(i).plan().shard();
        int[] own = Shard.owners(b, ids, sh.count());
        for (int k = 0; k < ids.size(); k++) {
          if (own[k] == sh.index()) {
            claims.get(ids.get(k)).add(i);
          }
        }
      }
      Map<String, Integer> o = new LinkedHashMap<>();
      for (var c : claims.entrySet()) {
        if (c.getValue().isEmpty()) {
          missing.add(b + "/" + c.getKey());
        } else if (c.getValue().size() > 1) {
          doubled.add(b + "/" + c.getKey() + " (in " + c.getValue().stream().map(i -> shards.get(i).dir() + " ["
              + shards.get(i).plan().shard() + "]").toList() + ")");
        } else {
          o.put(c.getKey(), c.getValue().get(0));
        }
      }
      owner.put(b, o);
    }
    if (missing.isEmpty() && doubled.isEmpty()) {
      return owner;
    }
    StringBuilder m = new StringBuilder("the shards do not cover every planned prompt exactly once");
    TreeSet<Integer> counts = new TreeSet<>();
    shards.forEach(s -> counts.add(s.plan().shard().count()));
    if (counts.size() == 1) {
      int n = counts.first();
      TreeSet<Integer> absent = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        absent.add(i);
      }
      Map<Integer, List<Path>> given = new LinkedHashMap<>();
      for (ShardRun s : shards) {
        absent.remove(s.plan().shard().index());
        given.computeIfAbsent(s.plan().shard().index(), k -> new ArrayList<>()).add(s.dir());
      }
      if (!absent.isEmpty()) {
        m.append("; shards not given: ").append(absent.stream().map(i -> i + "/" + n).toList());
      }
      given.forEach((i, dirs) -> {
        if (dirs.size() > 1) {
          m.append("; shard ").append(i).append('/').append(n).append(" given twice: ").append(dirs);
        }
      });
    } else {
      m.append("; the shards were split ").append(counts.size()).append(" different ways (N = ").append(counts)
          .append(")");
    }
    if (!missing.isEmpty()) {
      m.append("\n  missing (").append(missing.size()).append("): ").append(list(missing));
    }
    if (!doubled.isEmpty()) {
      m.append("\n  doubled (").append(doubled.size()).append("): ").append(list(doubled));
    }
    throw new MergeException(m.toString());
  }

  /** Whether {@code dir}'s manifest is a merged run's (an unreadable one is not). */
  private static boolean mergedRun(Path dir) {
    try {
      return Manifest.of(Json.mapper().readTree(dir.resolve(RunStore.MANIFEST).toFile())).mergedFrom() != null;
    } catch (IOException e) {
      return false;
    }
  }

  private Manifest manifest(List<ShardRun> shards, FileLinks links, List<String> missing, String name) {
    Manifest m = shards.get(0).manifest();
    List<Manifest.Session> sessions = new ArrayList<>();
    List<Manifest.ShardSource> from = new ArrayList<>();
    String started = null;
    for (ShardRun s : shards) {
      Manifest sm = s.manifest();
      String shard = s.plan().shard().toString();
      from.add(new Manifest.ShardSource(s.dir().toAbsolutePath().normalize().toString(), shard,
          s.trajectories().size(), sm.started(), sm.ended(), sm.config() == null ? null : sm.config().endpoints(),
          sm.pipelineFacts(), sm.harness()));
      String st = sm.started();
      if (st != null && (started == null || st.compareTo(started) < 0)) {
        started = st;
      }
      for (Manifest.Session x : sm.sessions() == null ? List.<Manifest.Session>of() : sm.sessions()) {
        sessions.add(x.inShard(shard));
      }
    }
    sessions.add(new Manifest.Session(Instant.now().toString(), null, "merge", null, shards.size()));
    return m.withRun(name).withStarted(started != null ? started : m.started())
        .withFingerprint(m.fingerprint().withoutShard())
        .withConfig(m.config() == null ? null : m.config().withoutShard())
        .withEnd(null, m.exports(), null).withSessions(sessions)
        .withMerge(from, new Manifest.MergeFacts(shards.size(), links.linked(), links.copied(), links.copyReason(),
            missing.size()));
  }

  /** Every difference, including keys present on one side only. */
  static void strictDiff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a == null || a.isMissingNode()) {
      a = null;
    }
    if (b == null || b.isMissingNode()) {
      b = null;
    }
    if (a == null && b == null) {
      return;
    }
    if (a == null || b == null) {
      out.add(path + ": " + (a == null ? "absent" : a.toString()) + " vs " + (b == null ? "absent" : b.toString()));
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        strictDiff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
      }
      return;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        strictDiff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
      return;
    }
    boolean same = a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    if (!same) {
      out.add(path + ": " + abbreviate(a) + " vs " + abbreviate(b));
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  private static String list(List<String> items) {
    List<String> shown = items.size() > LIST_MAX ? items.subList(0, LIST_MAX) : items;
    return String.join(", ", shown) + (items.size() > LIST_MAX ? ", ... and " + (items.size() - LIST_MAX) + " more"
        : "");
  }

  /** The JSON lines of a journal; a torn last line (a shard killed mid-write) is left out. */
  private List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    List<String> ls = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < ls.size(); i++) {
      if (ls.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(mapper.readTree(ls.get(i)));
      } catch (IOException e) {
        if (i == ls.size() - 1) {
          break;
        }
        throw new IOException(file + ":" + (i + 1) + ": not a JSON line (" + e.getMessage() + ")", e);
      }
    }
    return out;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
