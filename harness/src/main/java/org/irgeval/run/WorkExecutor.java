package org.irgeval.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoringInput;
import org.irgeval.api.Trajectory;
import org.irgeval.store.RunStore;

/**
 * Runs a {@link RunPlan}: {@link Pipeline#parallelism()} generation workers pull from one shared queue (no
 * static sharding); each stores its trajectory (fsynced) before taking the next request and hands the
 * trajectory's images to the scorer's own bounded pool, so generation and scoring overlap. Failures of one
 * item are counted and reported, never fatal; a failure of the run store is fatal (nothing would be saved).
 */
final class WorkExecutor {
  private final RunStore store;
  private final Pipeline pipeline;
  private final boolean scoreNew;
  private final Progress progress;
  private final PrintWriter err;
  private final Map<Scorer, ExecutorService> scorePools = new IdentityHashMap<>();
  private final ConcurrentLinkedQueue<Future<?>> scoreFutures = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final List<String> generationFailures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger scoreIncomplete = new AtomicInteger();
  private final AtomicInteger generated = new AtomicInteger();
  private final AtomicInteger scored = new AtomicInteger();

  /** What one execution did. */
  record Outcome(int generated, int scored, List<String> generationFailures, int scoreIncomplete) {}

  WorkExecutor(RunStore store, Pipeline pipeline, boolean scoreNew, Progress progress, PrintWriter err) {
    this.store = store;
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
    return new Outcome(generated.get(), scored.get(), List.copyOf(generationFailures), scoreIncomplete.get());
  }

  private void generateLoop(ConcurrentLinkedQueue<GenerationRequest> queue, Map<String, BenchmarkRun> benches) {
    GenerationRequest req;
    while (fatal.get() == null && (req = queue.poll()) != null) {
      long t0 = System.nanoTime();
      Generation g;
      try {
        g = pipeline.generate(req);
        if (g.turns().isEmpty()) {
          throw new IllegalStateException("pipeline returned no turns");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        generationFailures.add(req.id() + ": " + e.getMessage());
        if (generationFailures.size() <= 5) {
          err.println("generation failed: " + req.id() + ": " + e.getMessage());
        }
        progress.failed(true);
        BenchmarkRun b = benches.get(req.benchmark());
        if (scoreNew && b.scorer() != null) {
          progress.addWork(-req.turns());
        }
        continue;
      }
      try {
        Trajectory traj = store.putTrajectory(req, g, (System.nanoTime() - t0) / 1_000_000);
        generated.incrementAndGet();
        progress.generated();
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
    if (fatal.get() != null) {
      return;
    }
    Path image = store.dir().resolve(task.turn().image());
    long t0 = System.nanoTime();
    ScoreOutcome out;
    try {
      out = task.bench().scorer().score(new ScoringInput(task.prompt(), task.trajectory().sample(),
          task.turn().variant(), image, task.turn().text()));
    } catch (Exception e) {
      // Transient by contract: nothing stored, a rerun tries again.
      if (scoreIncomplete.incrementAndGet() <= 5) {
        err.println("scoring failed (will be retried on the next run): " + task.key() + ": " + e);
      }
      progress.failed(false);
      return;
    }
    store.putScore(new ScoreRecord(task.key(), out.values(), out.detail(), out.raw(), out.error(),
        (System.nanoTime() - t0) / 1_000_000));
    scored.incrementAndGet();
    progress.scored();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
