package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class GenAiBenchExplainTest {
  private static ScoreRecord record(Map<String, Double> values, String detail, String raw) throws Exception {
    JsonNode d = detail == null ? null : Json.mapper().readTree(detail);
    return new ScoreRecord(new ScoreKey("b", "p1", 0, "reflection", "s"), values, d, raw, null, 0);
  }

  @Test
  void theProbabilityOfYesAndItsSource() throws Exception {
    ScoreRecord r = record(Map.of("vqascore", 0.8125), "{\"judge_model\": \"qwen2.5-vl\", \"rule\": \"logprobs\"}", null);
    assertEquals(List.of(new Explanation("P(yes)", "0.8125"), new Explanation("judge model", "qwen2.5-vl"),
        new Explanation("rule", "logprobs")), new GenAiBenchBenchmark().explain(r));
  }
}
