package org.irgeval.benchmarks.tiif;

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
class TiifExplainTest {
  private static ScoreRecord record(Map<String, Double> values, String detail, String raw) throws Exception {
    JsonNode d = detail == null ? null : Json.mapper().readTree(detail);
    return new ScoreRecord(new ScoreKey("b", "p1", 0, "reflection", "s"), values, d, raw, null, 0);
  }

  @Test
  void eachQuestionWithTheJudgesAnswerAndTheExpectedOne() throws Exception {
    ScoreRecord r = record(Map.of("correct", 1.0, "total", 2.0), """
        {"questions": ["Is there a cat?", "Is the cat red?"], "gt_answers": ["yes", "yes"],
         "model_pred": ["yes", "no"], "model_output": "yes\\nno"}""", null);
    assertEquals(List.of(new Explanation("Is there a cat?", "judge: yes (expected: yes)"),
        new Explanation("Is the cat red?", "judge: no (expected: yes)"), new Explanation("judge output", "yes\nno")),
        new TiifBenchmark().explain(r));
  }
}
