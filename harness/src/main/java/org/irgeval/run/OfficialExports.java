package org.irgeval.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.api.Trajectory;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.RunStore;
import org.irgeval.store.SafeFiles;

/**
 * The run's images in each benchmark's official layout ({@code exports/<benchmark>/<variant>/}), so the official
 * scripts can be run on them, written <em>while the run generates</em>: once every planned sample of a prompt is
 * stored, that prompt's images are handed to its layout on a background thread, so nothing is left to export after
 * the last trajectory but the prompts whose samples failed. A prompt's samples go together
 * ({@link ImageLayout#placeSamples}) because some layouts combine them (OneIG's 2x2 grid is composed once, not once
 * per sample).
 *
 * <p>Layouts that keep the PNG bytes unchanged get hard links to the stored images (no second copy, no per-file
 * fsync: directories are fsynced once per prompt); a copy is made only where a link is impossible (another file
 * system), and the manifest says so. {@code exports/.exported} lists what was placed (benchmark, variant, prompt,
 * sample, image hash), so a resumed run places only new or regenerated images. An export that fails is reported
 * (stderr and the manifest) and retried by the next run; it never costs the run its summary.
 */
final class OfficialExports implements AutoCloseable {
  static final String INDEX = ".exported";
  private static final int ERRORS_KEPT = 5;

  /** A benchmark with an official layout: its prompts by id, samples per prompt. */
  private record Target(BenchmarkRun bench, ImageLayout layout, Map<String, Prompt> prompts) {}

  private final RunStore store;
  private final Path exports;
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Set<String> done = new HashSet<>();
  private final StringBuilder added = new StringBuilder();
  private final FileLinks links = new FileLinks();
  private final ExecutorService pool;
  private final List<Future<?>> tasks = new ArrayList<>();
  /** Stored, not yet exported trajectories per (benchmark, prompt); guarded by {@code this}. */
  private final Map<String, List<Trajectory>> pending = new LinkedHashMap<>();
  /** Stored samples per (benchmark, prompt); guarded by {@code this}. */
  private final Map<String, Integer> stored = new HashMap<>();
  private final AtomicInteger placed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  /** When this session last stored a trajectory (0: none): the start of the run's tail. */
  private volatile long lastLanded;

  private OfficialExports(RunStore store, List<BenchmarkRun> benches, int threads) throws IOException {
    this.store = store;
    this.exports = store.dir().resolve("exports");
    for (BenchmarkRun b : benches) {
      b.benchmark().officialLayout().ifPresent(layout -> {
        Map<String, Prompt> prompts = new HashMap<>();
        b.prompts().prompts().forEach(p -> prompts.put(p.id(), p));
        targets.put(b.id(), new Target(b, layout, prompts));
      });
    }
    Path indexFile = exports.resolve(INDEX);
    SafeFiles.checkFile(store.dir(), indexFile);
    if (Files.isRegularFile(indexFile)) {
      done.addAll(Files.readAllLines(indexFile, StandardCharsets.UTF_8));
    }
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "export");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts exporting: the trajectories an earlier session stored but did not export are queued at once (those of
   * complete prompts) or wait for their prompt's other samples.
   *
   * @param threads background threads while the run generates (layouts that encode, like GenAI-Bench's JPEG or
   *                OneIG's grid, use them); {@link #finish} uses every core for what is left
   */
  static OfficialExports start(RunStore store, List<BenchmarkRun> benches, int threads) throws IOException {
    OfficialExports e = new OfficialExports(store, benches, Math.max(1, threads));
    for (Trajectory t : store.trajectories()) {
      e.add(t);
    }
    return e;
  }

  /** This session stored a trajectory: its prompt is exported once all the prompt's planned samples are stored. */
  void landed(Trajectory t) {
    lastLanded = System.nanoTime();
    add(t);
  }

  private synchronized void add(Trajectory t) {
    Target target = targets.get(t.benchmark());
    if (target == null || !target.prompts().containsKey(t.promptId())) {
      return;
    }
    String key = t.benchmark() + "\t" + t.promptId();
    int n = stored.merge(key, 1, Integer::sum);
    if (t.turns().stream().anyMatch(turn -> !done.contains(indexLine(t, turn)))) {
      pending.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    if (n >= target.bench().samples() && pending.containsKey(key)) {
      submit(target, pending.remove(key));
    }
  }

  /**
   * Exports what is still pending (prompts some of whose samples failed), waits for every export, writes the index
   * and returns the counts for the manifest.
   */
  Manifest.Exports finish() throws IOException, InterruptedException {
    synchronized (this) {
      for (var e : pending.entrySet()) {
        submit(targets.get(e.getKey().substring(0, e.getKey().indexOf('\t'))), e.getValue());
      }
      pending.clear();
    }
    // generation is over: what is left may use every core
    int cores = Runtime.getRuntime().availableProcessors();
    if (pool instanceof ThreadPoolExecutor tpe && cores > tpe.getCorePoolSize()) {
      tpe.setMaximumPoolSize(cores);
      tpe.setCorePoolSize(cores);
    }
    List<Future<?>> all;
    synchronized (tasks) {
      all = new ArrayList<>(tasks);
    }
    for (Future<?> f : all) {
      try {
        f.get();
      } catch (ExecutionException e) {
        failed(e.getCause()); // not reached: tasks catch their own failures
      }
    }
    pool.shutdown();
    links.syncDirectories();
    String add;
    synchronized (added) {
      add = added.toString();
    }
    if (!add.isEmpty()) {
      Path indexFile = exports.resolve(INDEX);
      byte[] old = Files.isRegularFile(indexFile) ? Files.readAllBytes(indexFile) : new byte[0];
      byte[] more = add.getBytes(StandardCharsets.UTF_8);
      byte[] bytes = Arrays.copyOf(old, old.length + more.length);
      System.arraycopy(more, 0, bytes, old.length, more.length);
      AtomicFiles.write(store.dir(), indexFile, bytes);
    }
    List<String> errs;
    synchronized (errors) {
      errs = List.copyOf(errors);
    }
    // images a layout wrote itself (GenAI-Bench's JPEG and PNG); OneIG's tiles are linked, its grids composed from
    // them. seconds_after_last_trajectory: the harness's tail on the exports, from the last trajectory stored to every
    // export done and indexed.
    return new Manifest.Exports(done.size(), placed.get(), links.linked(), links.copied(),
        Math.max(0, placed.get() - links.linked() - links.copied()), links.copyReason(),
        failed.get() > 0 ? failed.get() : null, failed.get() > 0 ? errs : null,
        lastLanded != 0 ? Math.round((System.nanoTime() - lastLanded) / 1e6) / 1e3 : null);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private void submit(Target target, List<Trajectory> trajectories) {
    Future<?> f = pool.submit(() -> export(target, trajectories));
    synchronized (tasks) {
      tasks.add(f);
    }
  }

  /** One prompt's new images, variant by variant; the prompt's directories are fsynced when it is done. */
  private void export(Target target, List<Trajectory> trajectories) {
    Prompt prompt = target.prompts().get(trajectories.get(0).promptId());
    Map<String, Map<Integer, Path>> byVariant = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (Trajectory t : trajectories) {
      for (Trajectory.Turn turn : t.turns()) {
        String line = indexLine(t, turn);
        synchronized (this) {
          if (done.contains(line)) {
            continue;
          }
        }
        byVariant.computeIfAbsent(turn.variant(), v -> new TreeMap<>()).put(t.sample(),
            store.dir().resolve(turn.image()));
        lines.add(line);
      }
    }
    try {
      for (var v : byVariant.entrySet()) {
        Path root = exports.resolve(target.bench().id()).resolve(v.getKey());
        // the layout writes below root (AtomicFiles refuses links there); root itself is made here without links
        SafeFiles.createDirectories(store.dir(), root);
        target.layout().placeSamples(root, prompt, v.getValue(), (src, dst) -> links.place(root, src, dst));
        placed.addAndGet(v.getValue().size());
      }
      links.syncDirectories();
      synchronized (this) {
        done.addAll(lines);
      }
      synchronized (added) {
        lines.forEach(l -> added.append(l).append('\n'));
      }
    } catch (IOException | RuntimeException e) {
      failed(new IOException("export of " + target.bench().id() + " prompt " + prompt.id() + ": " + e.getMessage(), e));
    }
  }

  private void failed(Throwable e) {
    failed.incrementAndGet();
    if (errors.size() < ERRORS_KEPT) {
      errors.add(String.valueOf(e.getMessage()));
    }
  }

  private static String indexLine(Trajectory t, Trajectory.Turn turn) {
    return t.benchmark() + "\t" + turn.variant() + "\t" + t.promptId() + "\t" + t.sample() + "\t" + turn.sha256();
  }
}
