package org.irgeval.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineConfig;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LatencyModel;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.run.RunEngine;
import org.irgeval.run.RunResult;
import org.irgeval.util.Seeds;

/**
 * The fair comparison of {@code irg-eval throughput --schedule}: the same per-(prompt, sample) work under our dynamic
 * queue (one run over a pool of N endpoints) and under the official static split {@code data[i::N]} (emulated with
 * no engine change: the prompt list split by position into N lists, N single-endpoint runs driven at once; the
 * makespan is the slowest's). Every simulated GPU serves one trajectory at a time; a stage's latency is drawn from a
 * generator seeded by the request's seed, turn and stage ({@link IrgSimulator#keyedMs}), so a (prompt, sample) costs
 * the same wherever and whenever it runs. A GPU can be slower ({@code speed} &lt; 1: its latencies divided by it) or
 * die at a fraction of the ideal makespan (connections dropped, as a lost host). The makespan runs from the moment
 * every run has its first requests waiting at the simulators (start-up, reported apart, is over) to the last
 * answer; the ideal is the fluid bound: all work spread over the GPUs' summed speed, minus the capacity lost with
 * a dead GPU. Under static sharding a dead GPU's unfinished shard is run again afterwards on one replacement GPU
 * (what relaunching the official script does: its skip-existing check leaves only that shard's missing images, all
 * of them assigned to one rank); that second phase's makespan is added.
 */
final class ScheduleComparison {
  /** The run seed of every measurement: the same seeds, so the same work, for every schedule. */
  static final long RUN_SEED = 42;
  static final int TURNS = 2; // preset irg-paper

  /** One GPU pool: per-endpoint speed factors, and optionally one endpoint dying at a fraction of the ideal. */
  record Scenario(String name, double[] speeds, int dieIndex, double dieFraction) {}

  /** What every measurement shares. */
  record Setup(LatencyModel text, LatencyModel image, int concurrency, String payload, Path dataDir, Path scratch,
               String preset) {}

  private ScheduleComparison() {}

  /** The seeds of the GenEval-shaped work list (prompt-major, 4 samples each), as the engine derives them. */
  static long[] seeds(int prompts) {
    long[] s = new long[prompts * GenEvalShapedPrompts.SAMPLES];
    for (int p = 0; p < prompts; p++) {
      for (int k = 0; k < GenEvalShapedPrompts.SAMPLES; k++) {
        s[p * GenEvalShapedPrompts.SAMPLES + k] = Seeds.derive(RUN_SEED, GenEvalShapedPrompts.ID,
            GenEvalShapedPrompts.id(p), k);
      }
    }
    return s;
  }

  /** Simulated GPU milliseconds of one trajectory at speed 1 (unscaled): what the simulator sleeps, summed. */
  static long workMs(LatencyModel text, LatencyModel image, long seed) {
    long ms = 0;
    for (int t = 1; t <= TURNS; t++) {
      ms += IrgSimulator.keyedMs(text, seed, t, 0) + IrgSimulator.keyedMs(image, seed, t, 1);
    }
    return ms;
  }

  /**
   * The fluid lower bound of the makespan: {@code work} (seconds at speed 1) over the summed speed; with a GPU dying
   * at {@code tDie} seconds, what is left then goes at the speed of the others.
   */
  static double ideal(double work, double[] speeds, int dieIndex, double tDie) {
    double all = Arrays.stream(speeds).sum();
    if (dieIndex < 0 || work <= all * tDie) {
      return work / all;
    }
    return tDie + (work - all * tDie) / (all - speeds[dieIndex]);
  }

  /** One measurement: {@code schedule} ("dynamic" or "static") over {@code speeds.length} endpoints. */
  static ObjectNode measure(String schedule, Scenario sc, int prompts, double timeScale, Setup st,
                            ObjectMapper mapper) throws Exception {
    int n = sc.speeds().length;
    boolean dynamic = schedule.equals("dynamic");
    long[] seeds = seeds(prompts);
    double workS = 0;
    for (long s : seeds) {
      workS += workMs(st.text(), st.image(), s) * timeScale / 1000.0;
    }
    double idealNoDeath = ideal(workS, sc.speeds(), -1, 0);
    double tDie = sc.dieIndex() < 0 ? 0 : sc.dieFraction() * idealNoDeath;
    double ideal = ideal(workS, sc.speeds(), sc.dieIndex(), tDie);

    long t0 = System.nanoTime();
    SimConfig base = SimConfig.defaults().withName("schedules").withSerial(true).withCapacity(st.concurrency())
        .withKeyedLatency(true).withPayload(st.payload()).withImageSize(st.payload().equals("realistic") ? 0 : 64)
        .withSystemPrompts(IrgSimulator.systemPromptHashes(st.dataDir()));
    List<IrgSimulator> sims = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    ExecutorService runners = Executors.newCachedThreadPool();
    ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int j = 0; j < n; j++) {
        IrgSimulator sim = IrgSimulator.start(base.withSeed(1000L + j)
            .withLatency(st.text(), st.image(), timeScale / sc.speeds()[j]));
        sim.pause();
        sims.add(sim);
      }
      List<Future<RunResult>> runs = new ArrayList<>();
      int firstWave = 0;
      if (dynamic) {
        Path dir = st.scratch().resolve("dynamic-" + n + "-" + System.nanoTime());
        dirs.add(dir);
        List<URI> uris = sims.stream().map(IrgSimulator::uri).toList();
        runs.add(runners.submit(() -> run(new GenEvalShapedPrompts(prompts), uris, dir, st, true)));
        firstWave = Math.min(seeds.length, n * st.concurrency());
      } else {
        for (int j = 0; j < n; j++) {
          Path dir = st.scratch().resolve("static-" + n + "-" + j + "-" + System.nanoTime());
          dirs.add(dir);
          GenEvalShapedPrompts shard = new GenEvalShapedPrompts(prompts, j, n);
          List<URI> uris = List.of(sims.get(j).uri());
          runs.add(runners.submit(() -> run(shard, uris, dir, st, false)));
          firstWave += Math.min(GenEvalShapedPrompts.staticSplit(prompts, j, n).size() * GenEvalShapedPrompts.SAMPLES,
              st.concurrency());
        }
      }
      awaitWaiting(sims, firstWave, runs);
      long gate = System.nanoTime();
      double startupS = (gate - t0) / 1e9;
      sims.forEach(IrgSimulator::resume);
      if (sc.dieIndex() >= 0) {
        IrgSimulator doomed = sims.get(sc.dieIndex());
        killer.schedule(doomed::kill, Math.round(tDie * 1e9), TimeUnit.NANOSECONDS);
      }
      for (Future<RunResult> f : runs) {
        f.get();
      }
      long end = sims.stream().mapToLong(IrgSimulator::lastAnswerNanos).max().orElse(gate);
      double makespan = (end - gate) / 1e9;
      double phase2 = 0;
      int rerun = 0;
      if (!dynamic && sc.dieIndex() >= 0) {
        // the dead GPU's shard, relaunched on a replacement once the others are done: only its missing images
        Path dir = dirs.get(sc.dieIndex());
        rerun = GenEvalShapedPrompts.staticSplit(prompts, sc.dieIndex(), n).size() * GenEvalShapedPrompts.SAMPLES
            - stored(dir);
        IrgSimulator repl = IrgSimulator.start(base.withSeed(2000L).withLatency(st.text(), st.image(), timeScale));
        sims.add(repl);
        repl.pause();
        GenEvalShapedPrompts shard = new GenEvalShapedPrompts(prompts, sc.dieIndex(), n);
        Future<RunResult> f = runners.submit(() -> run(shard, List.of(repl.uri()), dir, st, false));
        awaitWaiting(List.of(repl), Math.min(rerun, st.concurrency()), List.of(f));
        long gate2 = System.nanoTime();
        repl.resume();
        f.get();
        phase2 = (Math.max(repl.lastAnswerNanos(), gate2) - gate2) / 1e9;
        makespan += phase2;
      }
      int stored = 0;
      for (Path d : dirs) {
        stored += stored(d);
      }
      if (stored != seeds.length) {
        throw new IllegalStateException(schedule + " at N=" + n + " (" + sc.name() + "): " + stored + " of "
            + seeds.length + " trajectories stored");
      }
      ObjectNode row = mapper.createObjectNode();
      row.put("scenario", sc.name());
      row.put("schedule", schedule);
      row.put("endpoints", n);
      row.put("prompts", prompts);
      row.put("trajectories", seeds.length);
      row.put("speeds", Arrays.toString(sc.speeds()));
      if (sc.dieIndex() >= 0) {
        row.put("dies", "endpoint " + sc.dieIndex() + " at " + sc.dieFraction() + " x ideal (" + round(tDie) + " s)");
        if (!dynamic) {
          row.put("static_rerun_trajectories", rerun);
          row.put("static_rerun_s", round(phase2));
        }
      }
      row.put("time_scale", timeScale);
      row.put("mean_trajectory_s", round(workS / seeds.length));
      row.put("startup_s", round(startupS));
      row.put("makespan_s", round(makespan));
      row.put("ideal_s", round(ideal));
      row.put("ratio_to_ideal", Math.round(makespan / ideal * 10000) / 10000.0);
      return row;
    } finally {
      killer.shutdownNow();
      runners.shutdownNow();
      sims.forEach(IrgSimulator::close);
      for (Path d : dirs) {
        ThroughputCommand.deleteRecursively(d);
      }
    }
  }

  private static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }

  private static int stored(Path dir) throws Exception {
    Path f = dir.resolve("trajectories.jsonl");
    return Files.exists(f) ? (int) Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count() : 0;
  }

  /** Until the simulators hold {@code expected} first requests (start-up is over), or a run ended early. */
  private static void awaitWaiting(List<IrgSimulator> sims, int expected, List<Future<RunResult>> runs)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (sims.stream().mapToInt(IrgSimulator::waiting).sum() < expected) {
      for (Future<RunResult> f : runs) {
        if (f.isDone()) {
          f.get(); // a run that failed to start: its exception
          throw new IllegalStateException("a run ended before sending its first requests");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the runs did not start within 300 s");
      }
      Thread.sleep(2);
    }
  }

  private static RunResult run(Benchmark bench, List<URI> uris, Path dir, Setup st, boolean dynamic)
      throws Exception {
    Registry discovered = Registry.discover();
    Registry registry = new Registry(List.of(bench), discovered.pipelines(), List.of());
    // dynamic: retries on the other endpoints, a dead one out at its first failure and never probed back during the
    // measurement; static: the official scripts do not retry, a dead GPU's shard simply stops
    Map<String, String> opts = dynamic
        ? Map.of("backoff_ms", "5", "max_backoff_ms", "50", "take_out_after", "1", "cooldown_ms", "600000",
            "max_cooldown_ms", "600000", "endpoint_wait_s", "300")
        : Map.of("max_attempts", "1", "take_out_after", "1", "cooldown_ms", "600000", "max_cooldown_ms", "600000",
            "endpoint_wait_s", "0");
    PipelineConfig pc = new PipelineConfig(uris, st.preset(), st.concurrency(), 0, opts, st.dataDir(), null,
        id -> Optional.empty());
    RunConfig cfg = RunConfig.at(dir).data(st.dataDir()).benchmarks(List.of(bench.id())).pipeline("irg", pc)
        .seed(RUN_SEED).mode(RunConfig.Mode.GENERATE_ONLY).argv(List.of("throughput", "--schedule")).build();
    return new RunEngine(registry, (s, d) -> null, new PrintWriter(new StringWriter())).run(cfg);
  }
}
