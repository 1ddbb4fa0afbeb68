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

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
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

  private ObjectNode measure(int endpoints, ObjectMapper mapper) throws Exception {
    SimConfig base = SimConfig.defaults().withName("throughput")
        .withLatency(LatencyModel.parse(textLatency), LatencyModel.parse(imageLatency), 1.0)
        .withSerial(true).withCapacity(concurrency).withImageSize(imageSize)
        .withSystemPrompts(IrgSimulator.systemPromptHashes(data.resolve()));
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
      RunConfig cfg = new RunConfig(runDir.getFileName().toString(), runDir, data.resolve(), List.of(SyntheticPrompts.ID),
          Map.of(), "irg", pc, null, 42, -1, Map.of(), Map.of(), null, RunConfig.Mode.GENERATE_ONLY, false,
          List.of("throughput"));
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
      row.set("pipeline", r.summary().path("pipeline"));
      return row;
    } finally {
      for (IrgSimulator s : sims) {
        s.close();
      }
      deleteRecursively(runDir);
    }
  }

  private static void deleteRecursively(Path p) throws java.io.IOException {
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
