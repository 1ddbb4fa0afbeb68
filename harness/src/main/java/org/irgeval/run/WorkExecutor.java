package org.irgeval.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.RunStopException;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.api.Trajectory;
import org.irgeval.api.ValueRange;
import org.irgeval.store.RunStore;
import org.irgeval.util.Hashing;
import org.irgeval.util.PngCheck;

/**
 * Runs a {@link RunPlan}: {@link Pipeline#parallelism()} generation workers pull from one shared queue (no
 * static sharding); each stores its trajectory (fsynced) before taking the next request and hands the
 * trajectory's images to the scorer's own bounded pool, so generation and scoring overlap. Failures of one
 * item are counted and reported, never fatal; a failure of the run store is fatal (nothing would be saved).
 *
 * <p>The run stops early, keeping everything finished, when a scorer or the pipeline throws a
 * {@link RunStopException} (e.g. the judge refuses the key), or when {@link #CONSECUTIVE_FAILURES_TO_STOP}
 * generations in a row failed (every endpoint down): a night of GPU time is not spent on retries nobody sees.
 */
final class WorkExecutor {
  private final RunStore store;
  private final Pipeline pipeline;
  private final boolean scoreNew;
  private final Progress progress;
  private final PrintWriter err;
  private final Consumer<Trajectory> onStored;
  private final FailureLog failureLog;
  private final Map<Scorer, ExecutorService> scorePools = new IdentityHashMap<>();
  private final ConcurrentLinkedQueue<Future<?>> scoreFutures = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final List<String> generationFailures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger scoreIncomplete = new AtomicInteger();
  private final AtomicInteger generated = new AtomicInteger();
  private final AtomicInteger scored = new AtomicInteger();
  private final AtomicReference<String> stopped = new AtomicReference<>();
  private final AtomicInteger consecutiveGenerationFailures = new AtomicInteger();

  /** Generations failing in a row that stop the run (the pipeline has its own retries and endpoint pool). */
  static final int CONSECUTIVE_FAILURES_TO_STOP = 25;

  /**
   * What one execution did.
   *
   * @param stopped why the run stopped early, or null
   */
  record Outcome(int generated, int scored, List<String> generationFailures, int scoreIncomplete, String stopped) {}

  /** @param onStored told of every trajectory once it is stored (the official exports follow the run) */
  WorkExecutor(RunStore store, Pipeline pipeline, boolean scoreNew, Progress progress, PrintWriter err,
               Consumer<Trajectory> onStored, FailureLog failureLog) {
    this.failureLog = failureLog;
    this.store = store;
    this.onStored = onStored;
    this.pipeline = pipeline;
    this.scoreNew = scoreNew;
    this.progress = progress;
    this.err = err;
  }

  Outcome execute(RunPlan plan, Map<String, BenchmarkRun> benches) throws Exception {
    for (RunPlan.ScoreTask t : plan.scoring()) {
      submit(t);
    }
    if (!plan.generations().isEmpty()) {
      ConcurrentLinkedQueue<GenerationRequest> queue = new ConcurrentLinkedQueue<>(plan.generations());
      int workers = Math.min(pipeline.parallelism(), plan.generations().size());
      ExecutorService gen = Executors.newFixedThreadPool(workers, daemon("generate"));
      try {
        for (int i = 0; i < workers; i++) {
          gen.submit(() -> generateLoop(queue, benches));
        }
      } finally {
        gen.shutdown();
        while (!gen.awaitTermination(1, TimeUnit.SECONDS)) {
          if (fatal.get() != null) {
            gen.shutdownNow();
          }
        }
      }
    }
    Future<?> f;
    while ((f = scoreFutures.poll()) != null) {
      try {
        f.get();
      } catch (ExecutionException e) {
        fatal.compareAndSet(null, e.getCause());
      }
    }
    scorePools.values().forEach(ExecutorService::shutdown);
    Throwable t = fatal.get();
    if (t != null) {
      if (t instanceof Exception e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
    return new Outcome(generated.get(), scored.get(), List.copyOf(generationFailures), scoreIncomplete.get(),
        stopped.get());
  }

  private void generateLoop(ConcurrentLinkedQueue<GenerationRequest> queue, Map<String, BenchmarkRun> benches) {
    GenerationRequest req;
    while (fatal.get() == null && stopped.get() == null && (req = queue.poll()) != null) {
      long t0 = System.nanoTime();
      Generation g;
      try {
        g = pipeline.generate(req);
        if (g.turns().isEmpty()) {
          throw new IllegalStateException("pipeline returned no turns");
        }
        for (var turn : g.turns()) {
          try {
            PngCheck.decode(turn.png());
          } catch (IOException bad) {
            // Counted like any failed generation and retried by the next run, never stored as a success.
            throw new IOException("turn " + (g.turns().indexOf(turn) + 1) + ": " + bad.getMessage(), bad);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RunStopException e) {
        stop(e.getMessage());
        return;
      } catch (Exception e) {
        if (consecutiveGenerationFailures.incrementAndGet() >= CONSECUTIVE_FAILURES_TO_STOP) {
          stop(CONSECUTIVE_FAILURES_TO_STOP + " generations failed in a row (last: " + req.id() + ": " + e.getMessage()
              + "); the generator looks down — check the endpoints, then run the same command again to resume");
        }
        generationFailures.add(req.id() + ": " + e.getMessage());
        failureLog.add("generation", req.id(), message(e));
        progress.failed(true);
        BenchmarkRun b = benches.get(req.benchmark());
        if (scoreNew && b.scorer() != null) {
          progress.addWork(-req.turns());
        }
        continue;
      }
      try {
        Trajectory traj = store.putTrajectory(req, g, (System.nanoTime() - t0) / 1_000_000);
        consecutiveGenerationFailures.set(0);
        generated.incrementAndGet();
        progress.generated();
        onStored.accept(traj);
        if (scoreNew) {
          BenchmarkRun b = benches.get(req.benchmark());
          for (RunPlan.ScoreTask t : RunPlan.scoreTasks(b, req.prompt(), traj, store)) {
            submit(t);
          }
        }
      } catch (IOException | RuntimeException e) {
        fatal.compareAndSet(null, e);
        return;
      }
    }
  }

  private void submit(RunPlan.ScoreTask task) {
    Scorer scorer = task.bench().scorer();
    ExecutorService pool;
    synchronized (scorePools) {
      pool = scorePools.computeIfAbsent(scorer,
          s -> Executors.newFixedThreadPool(Math.max(1, s.concurrency()), daemon("score-" + task.bench().id())));
    }
    scoreFutures.add(pool.submit(() -> {
      scoreOne(task);
      return null;
    }));
  }

  private void scoreOne(RunPlan.ScoreTask task) throws IOException {
    if (fatal.get() != null || stopped.get() != null) {
      return;
    }
    Path image = store.dir().resolve(task.turn().image());
    String problem = imageProblem(image, task.turn().sha256());
    if (problem != null) {
      store.invalidate(task.trajectory(), problem);
      failureLog.add("scoring", item(task.key()), problem + " (generated again by the next run)");
      scoreIncomplete.incrementAndGet();
      progress.failed(false);
      return;
    }
    long t0 = System.nanoTime();
    ScoreOutcome out;
    try {
      out = task.bench().scorer().score(new ScoringInput(task.prompt(), task.trajectory().sample(),
          task.turn().variant(), image, task.turn().text()));
    } catch (RunStopException e) {
      stop(e.getMessage());
      return;
    } catch (Exception e) {
      // Transient by contract: nothing stored, a rerun tries again.
      scoreIncomplete.incrementAndGet();
      failureLog.add("scoring", item(task.key()), message(e));
      progress.failed(false);
      return;
    }
    Map<String, Double> values = out.values();
    String error = out.error();
    if (error == null) {
      // the one place an image's values are made: one outside the benchmark's declared range is a counted failure
      Optional<String> bad = ValueRange.violation(values,
          task.bench().benchmark()::valueRange);
      if (bad.isPresent()) {
        error = task.key().scorer() + " gave " + bad.get() + " (the range " + task.bench().id() + " declares);"
            + " counted as a failure, never averaged in";
        values = Map.of();
      }
    }
    store.putScore(new ScoreRecord(task.key(), values, out.detail(), out.raw(), error,
        (System.nanoTime() - t0) / 1_000_000));
    scored.incrementAndGet();
    progress.scored();
  }

  /** An image's score as a person names it: benchmark/prompt #sample variant (scorer). */
  private static String item(org.irgeval.api.ScoreKey k) {
    return k.benchmark() + "/" + k.promptId() + " #" + k.sample() + " " + k.variant() + " (" + k.scorer() + ")";
  }

  /** What went wrong, without the Java class name unless the exception says nothing else. */
  private static String message(Throwable e) {
    return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.toString();
  }

  /** Null when the stored image is there and is the one generated (its recorded SHA-256), else what is wrong. */
  private static String imageProblem(Path image, String sha256) {
    try {
      if (!Files.isRegularFile(image)) {
        return "image missing: " + image;
      }
      return sha256 == null || sha256.equals(Hashing.sha256(image)) ? null
          : "image changed on disk since it was generated (SHA-256 differs): " + image;
    } catch (IOException e) {
      return "image unreadable: " + image + " (" + e.getMessage() + ")";
    }
  }

  /** Stops taking new work; said once. */
  private void stop(String why) {
    if (stopped.compareAndSet(null, why)) {
      err.println("run stopped: " + why);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
