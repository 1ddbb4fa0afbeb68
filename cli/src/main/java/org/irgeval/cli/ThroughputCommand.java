package org.irgeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.irgeval.api.PipelineConfig;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LatencyModel;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.run.RunEngine;
import org.irgeval.run.RunResult;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code irg-eval throughput}: end-to-end throughput of the generation path (IRG client, shared work queue,
 * run store) against N loopback protocol simulators standing in for GPUs, for N in a list. Reports
 * trajectories and images per second, the simulated GPUs' busy fraction, harness overhead per trajectory and
 * scaling efficiency. A simulator serves one trajectory at a time and sleeps its simulated stage latencies, like
 * one GPU; numbers measure the harness, not a model.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "Measure end-to-end generation throughput against loopback IRG protocol simulators (one per"
        + " simulated GPU): images/s, GPU-busy fraction, harness overhead, scaling with endpoints.")
public final class ThroughputCommand implements Callable<Integer> {
  @Option(names = "--endpoints", split = ",", defaultValue = "1,2,4",
      description = "Simulated GPU counts to measure. Default: ${DEFAULT-VALUE}.")
  List<Integer> endpointCounts;

  @Option(names = "--trajectories", defaultValue = "48", description = "Trajectories per measurement. Default: ${DEFAULT-VALUE}.")
  int trajectories;

  @Option(names = "--concurrency", defaultValue = "2",
      description = "Requests in flight per endpoint (the second waits in the server queue). Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--preset", defaultValue = "irg-paper", description = "Generation preset. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--text-latency", defaultValue = "lognormal:30:0.3",
      description = "Simulated think/reflection stage latency (fixed:MS, uniform:MIN:MAX, lognormal:MEDIAN:SIGMA). Default: ${DEFAULT-VALUE}.")
  String textLatency;

  @Option(names = "--image-latency", defaultValue = "lognormal:120:0.2",
      description = "Simulated image stage latency. Default: ${DEFAULT-VALUE}.")
  String imageLatency;

  @Option(names = "--fail", paramLabel = "CODE=RATE,...", description = "Simulated failure rates (busy, out_of_memory, internal).")
  String fail;

  @Option(names = "--image-size", defaultValue = "256", description = "Side of the simulated PNGs. Default: ${DEFAULT-VALUE}.")
  int imageSize;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--out", defaultValue = "runs/throughput", description = "Where results and scratch runs go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--schedule", paramLabel = "dynamic|static|both",
      description = "Compare schedules fairly instead: the same per-(prompt, sample) work (latency keyed to the request's"
          + " seed) on GenEval-shaped prompts (4 samples each) under our dynamic queue and/or the official static"
          + " data[i::N] split (N single-endpoint runs at once); reports makespan / ideal, start-up apart.")
  String schedule;

  @Option(names = "--speed", split = ",", paramLabel = "F,...",
      description = "--schedule: speed factor per endpoint, in --endpoint order (0.8 = 20%% slower; missing = 1).")
  List<Double> speeds;

  @Option(names = "--die-at", paramLabel = "I@F",
      description = "--schedule: endpoint I (0-based, or 'last') dies at F x the ideal makespan, e.g. last@0.5.")
  String dieAt;

  @Option(names = "--scenarios",
      description = "--schedule: measure the three standard scenarios (identical GPUs; the last GPU 20%% slower; the last"
          + " GPU lost half-way) for every --endpoints count and both schedules, and write schedules.md/.json.")
  boolean scenarios;

  @Option(names = "--payload", defaultValue = "blocks", paramLabel = "blocks|realistic",
      description = "--schedule: simulated pictures: 64 px blocks, or realistic ~1.3 MB PNGs at 1024x1024. Default: ${DEFAULT-VALUE}.")
  String payload;

  @Option(names = "--prompts-per-endpoint", defaultValue = "38",
      description = "--schedule: GenEval-shaped prompts per endpoint (x4 samples). Default: ${DEFAULT-VALUE}, i.e. 152"
          + " trajectories per GPU: the full two-turn IRG evaluation (~9.8k trajectories) on 64 GPUs, the thinnest"
          + " per-GPU load of a real run on 8-64 GPUs (the end-of-run tail weighs most there).")
  int promptsPerEndpoint;

  @Option(names = "--work-text-latency", defaultValue = "lognormal:2500:0.6",
      description = "--schedule: unscaled think stage latency per turn, keyed to (prompt, sample). Default: ${DEFAULT-VALUE}.")
  String workText;

  @Option(names = "--work-image-latency", defaultValue = "lognormal:27700:0.05",
      description = "--schedule: unscaled image stage latency per turn (IRG paper: ~29.8 s per step). Default: ${DEFAULT-VALUE}.")
  String workImage;

  @Option(names = "--time-scale", defaultValue = "0",
      description = "--schedule: fraction of the simulated latency slept (0 = auto: a mean trajectory of max(0.25 s,"
          + " 15 ms x N), so the harness on a small machine is never the bottleneck). Default: ${DEFAULT-VALUE}.")
  double timeScale;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "--schedule: where schedules.md and schedules.json go. Default: the --out folder.")
  Path reportDir;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    systemPromptHashes(); // before any measurement: a missing file is named at once
    if (schedule != null) {
      return schedules();
    }
    ObjectMapper mapper = Json.mapper();
    ObjectNode result = mapper.createObjectNode();
    result.put("notice", "loopback protocol simulators stand in for GPUs: these numbers measure the harness, not a model");
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("java", System.getProperty("java.version"));
    result.put("preset", preset);
    result.put("text_latency", textLatency);
    result.put("image_latency", imageLatency);
    result.put("concurrency", concurrency);
    result.put("trajectories", trajectories);
    ArrayNode rows = result.putArray("measurements");
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%-9s %10s %9s %9s %12s %12s %10s%n", "endpoints", "wall_s", "traj/s", "images/s",
        "gpu_busy", "overhead_ms", "scaling");
    double base = 0;
    for (int n : endpointCounts) {
      ObjectNode row = measure(n, mapper);
      double ips = row.path("images_per_s").asDouble();
      if (base == 0) {
        base = ips / n;
      }
      row.put("scaling_efficiency", ips / (n * base));
      rows.add(row);
      o.printf(Locale.ROOT, "%-9d %10.2f %9.2f %9.2f %11.1f%% %12.1f %9.0f%%%n", n, row.path("wall_s").asDouble(),
          row.path("trajectories_per_s").asDouble(), ips, 100 * row.path("gpu_busy_fraction").asDouble(),
          row.path("harness_overhead_ms_per_trajectory").asDouble(), 100 * row.path("scaling_efficiency").asDouble());
      o.flush();
    }
    Files.createDirectories(out);
    AtomicFiles.write(out.resolve("throughput.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    o.println("results: " + out.resolve("throughput.json") + " (" + result.path("notice").asText() + ")");
    return ExitCodes.OK;
  }

  /**
   * The IRG system prompts the simulators check requests against: the official files under DATA/irg/ (README,
   * "Data"), which the IRG pipeline sends. Missing, the command stops before any measurement and says where they go.
   */
  private Map<String, String> systemPromptHashes() throws java.io.IOException {
    Path dir = data.resolve();
    for (String f : List.of("irg/irg_two_turn_system_prompt.txt", "irg/bagel_think_system_prompt.txt")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalArgumentException("throughput drives the IRG pipeline, which sends the IRG and BAGEL system"
            + " prompts: " + dir.resolve(f).toAbsolutePath() + " is missing. Put the official files under DATA/irg/"
            + " (README, \"Data\") and pass --data DATA or set IRG_EVAL_DATA");
      }
    }
    return IrgSimulator.systemPromptHashes(dir);
  }

  private ObjectNode measure(int endpoints, ObjectMapper mapper) throws Exception {
    SimConfig base = SimConfig.defaults().withName("throughput")
        .withLatency(LatencyModel.parse(textLatency), LatencyModel.parse(imageLatency), 1.0)
        .withSerial(true).withCapacity(concurrency).withImageSize(imageSize)
        .withSystemPrompts(systemPromptHashes());
    if (fail != null) {
      base = base.withFailures(SimConfig.parseFailureRates(fail));
    }
    List<IrgSimulator> sims = new ArrayList<>();
    Path runDir = out.resolve("scratch-" + endpoints + "-" + System.nanoTime());
    try {
      List<URI> uris = new ArrayList<>();
      for (int i = 0; i < endpoints; i++) {
        IrgSimulator sim = IrgSimulator.start(base.withSeed(1000L + i));
        sims.add(sim);
        uris.add(sim.uri());
      }
      Registry discovered = Registry.discover();
      Registry registry = new Registry(List.of(new SyntheticPrompts(trajectories)), discovered.pipelines(), List.of());
      PipelineConfig pc = new PipelineConfig(uris, preset, concurrency, 0,
          Map.of("backoff_ms", "20"), data.resolve(), null, id -> Optional.empty());
      RunConfig cfg = RunConfig.at(runDir).data(data.resolve()).benchmarks(List.of(SyntheticPrompts.ID))
          .pipeline("irg", pc).mode(RunConfig.Mode.GENERATE_ONLY).argv(List.of("throughput")).build();
      long t0 = System.nanoTime();
      RunResult r = new RunEngine(registry, (s, d) -> null, new PrintWriter(new StringWriter())).run(cfg);
      double wall = (System.nanoTime() - t0) / 1e9;
      double busyMs = 0;
      int images = 0;
      for (String line : Files.readAllLines(runDir.resolve("trajectories.jsonl"))) {
        for (JsonNode turn : mapper.readTree(line).path("turns")) {
          images++;
          for (JsonNode ms : turn.path("timings_ms")) {
            busyMs += ms.asDouble();
          }
        }
      }
      ObjectNode row = mapper.createObjectNode();
      row.put("endpoints", endpoints);
      row.put("trajectories", r.generated());
      row.put("failed", r.generationFailures().size());
      row.put("images", images);
      row.put("wall_s", wall);
      row.put("trajectories_per_s", r.generated() / wall);
      row.put("images_per_s", images / wall);
      row.put("gpu_busy_fraction", busyMs / 1000 / (endpoints * wall));
      row.put("harness_overhead_ms_per_trajectory", (endpoints * wall * 1000 - busyMs) / Math.max(1, r.generated()));
      row.set("pipeline", r.summary().pipeline());
      return row;
    } finally {
      for (IrgSimulator s : sims) {
        s.close();
      }
      deleteRecursively(runDir);
    }
  }

  private Integer schedules() throws Exception {
    List<String> kinds = switch (schedule) {
      case "dynamic" -> List.of("dynamic");
      case "static" -> List.of("static");
      case "both" -> List.of("dynamic", "static");
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--schedule must be dynamic, static or both: " + schedule);
    };
    if (!SimConfig.PAYLOADS.contains(payload)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--payload must be one of "
          + SimConfig.PAYLOADS + ": " + payload);
    }
    if (promptsPerEndpoint < 1 || concurrency < 1 || timeScale < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--prompts-per-endpoint and --concurrency must be >= 1, --time-scale >= 0");
    }
    ObjectMapper mapper = Json.mapper();
    PrintWriter o = spec.commandLine().getOut();
    ScheduleComparison.Setup st = new ScheduleComparison.Setup(LatencyModel.parse(workText),
        LatencyModel.parse(workImage), concurrency, payload, data.resolve(), out, preset);
    Files.createDirectories(out);
    ObjectNode result = mapper.createObjectNode();
    result.put("notice", "loopback protocol simulators stand in for GPUs, their latencies scaled down (time_scale)"
        + " so that the whole comparison runs in minutes: the ratios to ideal matter, not the absolute times");
    List<String> argv = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (!argv.isEmpty() && argv.get(0).equals("throughput")) {
      argv.remove(0);
    }
    result.put("command", "irg-eval throughput " + String.join(" ", argv));
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("java", System.getProperty("java.version"));
    result.put("work_text_latency", workText);
    result.put("work_image_latency", workImage);
    result.put("concurrency", concurrency);
    result.put("payload", payload);
    ArrayNode rows = result.putArray("measurements");
    o.printf(Locale.ROOT, "%-10s %-8s %9s %6s %9s %11s %9s %8s%n", "scenario", "schedule", "endpoints", "traj",
        "startup_s", "makespan_s", "ideal_s", "ratio");
    for (int n : endpointCounts) {
      List<ScheduleComparison.Scenario> scs = new ArrayList<>();
      if (scenarios) {
        double[] same = new double[n];
        java.util.Arrays.fill(same, 1.0);
        double[] slow = same.clone();
        slow[n - 1] = 0.8;
        scs.add(new ScheduleComparison.Scenario("identical", same, -1, 0));
        scs.add(new ScheduleComparison.Scenario("one-slow", slow, -1, 0));
        if (n > 1) { // with one GPU there is nothing left to finish the work
          scs.add(new ScheduleComparison.Scenario("one-lost", same, n - 1, 0.5));
        }
      } else {
        double[] sp = new double[n];
        for (int j = 0; j < n; j++) {
          sp[j] = speeds != null && j < speeds.size() ? speeds.get(j) : 1.0;
          if (!(sp[j] > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--speed factors must be > 0");
          }
        }
        int die = -1;
        double frac = 0;
        if (dieAt != null) {
          String[] p = dieAt.split("@");
          try {
            die = p[0].equals("last") ? n - 1 : Integer.parseInt(p[0]);
            frac = Double.parseDouble(p[1]);
          } catch (RuntimeException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--die-at expects I@F: " + dieAt);
          }
          if (die < 0 || die >= n || n < 2 || frac < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--die-at: endpoint " + p[0] + " of " + n + " (needs 2 or more endpoints, F >= 0)");
          }
        }
        scs.add(new ScheduleComparison.Scenario(dieAt != null ? "custom-lost" : "custom", sp, die, frac));
      }
      int prompts = promptsPerEndpoint * n;
      double meanMs = 0;
      for (long sd : ScheduleComparison.seeds(prompts)) {
        meanMs += ScheduleComparison.workMs(st.text(), st.image(), sd);
      }
      meanMs /= prompts * GenEvalShapedPrompts.SAMPLES;
      double scale = timeScale > 0 ? timeScale : Math.max(250.0, 15.0 * n) / meanMs;
      for (ScheduleComparison.Scenario sc : scs) {
        for (String k : kinds) {
          ObjectNode row = ScheduleComparison.measure(k, sc, prompts, scale, st, mapper);
          rows.add(row);
          o.printf(Locale.ROOT, "%-10s %-8s %9d %6d %9.2f %11.2f %9.2f %7.3fx%n", sc.name(), k, n,
              row.path("trajectories").asInt(), row.path("startup_s").asDouble(), row.path("makespan_s").asDouble(),
              row.path("ideal_s").asDouble(), row.path("ratio_to_ideal").asDouble());
          o.flush();
        }
      }
    }
    Path reportDir = this.reportDir != null ? this.reportDir : out;
    Files.createDirectories(reportDir);
    AtomicFiles.write(reportDir.resolve("schedules.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    AtomicFiles.write(reportDir.resolve("schedules.md"), markdown(result).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    o.println("results: " + reportDir.resolve("schedules.md") + ", " + reportDir.resolve("schedules.json") + " ("
        + result.path("notice").asText() + ")");
    return ExitCodes.OK;
  }

  /** The ratio table: one row per (scenario, N), a column per schedule. */
  static String markdown(JsonNode result) {
    StringBuilder b = new StringBuilder("# Dynamic queue vs the official static split: wall time / ideal\n\n");
    b.append("`").append(result.path("command").asText()).append("` (").append(result.path("cores").asInt())
        .append(" cores, Java ").append(result.path("java").asText()).append(", payload ")
        .append(result.path("payload").asText()).append(", concurrency ").append(result.path("concurrency").asInt())
        .append(" per endpoint)\n\n").append(result.path("notice").asText()).append(".\n\n");
    java.util.Map<String, java.util.Map<String, JsonNode>> byRow = new java.util.LinkedHashMap<>();
    for (JsonNode m : result.path("measurements")) {
      byRow.computeIfAbsent(m.path("scenario").asText() + "|" + m.path("endpoints").asInt(),
          k -> new java.util.LinkedHashMap<>()).put(m.path("schedule").asText(), m);
    }
    b.append("| scenario | N | trajectories | mean trajectory s (scaled) | ideal s | dynamic | static | start-up s |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var e : byRow.entrySet()) {
      String[] k = e.getKey().split("\\|");
      JsonNode any = e.getValue().values().iterator().next();
      JsonNode d = e.getValue().get("dynamic");
      JsonNode st = e.getValue().get("static");
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.2f | %s | %s | %s |%n", k[0], k[1],
          any.path("trajectories").asInt(), any.path("mean_trajectory_s").asDouble(), any.path("ideal_s").asDouble(),
          d == null ? "-" : String.format(Locale.ROOT, "%.3fx", d.path("ratio_to_ideal").asDouble()),
          st == null ? "-" : String.format(Locale.ROOT, "%.3fx", st.path("ratio_to_ideal").asDouble())
              + (st.has("static_rerun_trajectories") ? " (" + st.path("static_rerun_trajectories").asInt()
              + " rerun)" : ""),
          (d == null ? "" : String.format(Locale.ROOT, "%.2f", d.path("startup_s").asDouble()))
              + (d != null && st != null ? " / " : "")
              + (st == null ? "" : String.format(Locale.ROOT, "%.2f", st.path("startup_s").asDouble()))));
    }
    b.append("\nScenarios: identical GPUs; one GPU (the last) 20% slower; one GPU (the last) lost at half the ideal"
        + " makespan (static: its unfinished shard rerun afterwards on one replacement GPU; N = 1 has no such case)."
        + " Start-up (simulators, pipeline open, planning, first requests) is excluded from the makespan and listed"
        + " dynamic / static.\n");
    return b.toString();
  }

  static void deleteRecursively(Path p) throws java.io.IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
