package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.Prompt;
import org.irgeval.util.Seeds;

/**
 * What the run engine does with a pipeline, reduced to the part these tests need: {@code parallelism()}
 * threads pull from one shared queue, call {@code generate}, and "store" each result (a map that refuses a
 * second result for the same id) before taking the next request.
 */
final class MiniEngine {
  private MiniEngine() {}

  record Outcome(Map<String, Generation> stored, Map<String, Throwable> failed) {}

  /** The data root with the official IRG/BAGEL system prompts ({@code irg/}); the test is skipped without it. */
  static Path sharedBenchmarks() {
    return org.irgeval.testkit.OfficialData.root("irg");
  }

  /** Opens the irg pipeline through the ServiceLoader, as the CLI does. */
  static Pipeline open(String preset, int turns, int concurrency, Map<String, String> options, URI... endpoints)
      throws Exception {
    PipelineProvider provider = java.util.ServiceLoader.load(PipelineProvider.class).stream()
        .map(java.util.ServiceLoader.Provider::get).filter(p -> p.id().equals("irg")).findFirst().orElseThrow();
    Map<String, String> opts = new LinkedHashMap<>(options);
    if (!opts.containsKey("data_dir")) {
      opts.put("data_dir", sharedBenchmarks().toString());
    }
    return provider.open(new PipelineConfig(List.of(endpoints), preset, concurrency, turns, opts, null, null,
        b -> java.util.Optional.empty()));
  }

  /** Fast retry settings for loopback tests. */
  static Map<String, String> fastRetries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("max_attempts", "12");
    m.put("backoff_ms", "2");
    m.put("max_backoff_ms", "20");
    m.put("take_out_after", "3");
    m.put("cooldown_ms", "40");
    m.put("max_cooldown_ms", "200");
    m.put("endpoint_wait_s", "30");
    m.put("request_timeout_s", "30");
    m.put("health_timeout_s", "5");
    return m;
  }

  /** One endpoint's entry of the pipeline's stats (state, last_problem, counters), as the run summary shows it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> endpointStats(Pipeline p, URI endpoint) {
    Map<String, Object> all = (Map<String, Object>) p.stats().get("endpoints");
    return (Map<String, Object>) all.get(endpoint.toString());
  }

  static GenerationRequest request(long runSeed, String benchmark, String promptId, String text, int sample,
                                   int turns) {
    Prompt p = new Prompt(promptId, 0, text, "cat", JsonNodeFactory.instance.objectNode());
    return new GenerationRequest(GenerationRequest.idOf(benchmark, promptId, sample), benchmark, p, sample,
        Seeds.derive(runSeed, benchmark, promptId, sample), turns);
  }

  /** {@code prompts} GenEval-like prompts x {@code samples} samples, in plan order. */
  static List<GenerationRequest> plan(long runSeed, int prompts, int samples, int turns) {
    List<GenerationRequest> out = new ArrayList<>();
    for (int i = 0; i < prompts; i++) {
      for (int s = 0; s < samples; s++) {
        out.add(request(runSeed, "geneval", String.format("%05d", i), "a photo of object " + i, s, turns));
      }
    }
    return out;
  }

  static Outcome run(Pipeline pipeline, List<GenerationRequest> requests) throws InterruptedException {
    ConcurrentLinkedQueue<GenerationRequest> queue = new ConcurrentLinkedQueue<>(requests);
    Map<String, Generation> stored = new ConcurrentHashMap<>();
    Map<String, Throwable> failed = new ConcurrentHashMap<>();
    List<Throwable> duplicates = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < pipeline.parallelism(); t++) {
      Thread th = new Thread(() -> {
        GenerationRequest r;
        while ((r = queue.poll()) != null) {
          try {
            Generation g = pipeline.generate(r);
            if (stored.putIfAbsent(r.id(), g) != null) {
              duplicates.add(new AssertionError("stored twice: " + r.id()));
            }
          } catch (Exception e) {
            failed.put(r.id(), e);
          }
        }
      }, "mini-engine-" + t);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join(120_000);
    }
    assertNull(duplicates.isEmpty() ? null : duplicates.get(0));
    return new Outcome(stored, failed);
  }
}
