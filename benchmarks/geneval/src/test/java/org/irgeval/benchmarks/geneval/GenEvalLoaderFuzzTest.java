package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkFuzzTest;

/** Broken GenEval data files (metadata, class names) and official results through `load` and the importer. */
class GenEvalLoaderFuzzTest extends BenchmarkFuzzTest {
  private final AtomicInteger sample = new AtomicInteger();

  @Override
  protected Benchmark benchmark() {
    return new GenEvalBenchmark();
  }

  /** A verdict with its evaluate_images.py result line as detail (what the exporter writes). */
  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    boolean correct = rnd.nextBoolean();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("filename", prompt.id() + "/samples/" + String.format("%05d", sample.getAndIncrement() % 4) + ".png");
    o.put("tag", prompt.category());
    o.put("prompt", prompt.text());
    o.put("correct", correct);
    o.put("reason", "");
    o.put("metadata", PyJson.dumps(prompt.metadata()));
    o.put("details", "{\"cat\": [[1.0, 2.0, 30.0, 40.0, 0.9]]}");
    return ScoreOutcome.of(Map.of("correct", correct ? 1.0 : 0.0), o, null);
  }
}
