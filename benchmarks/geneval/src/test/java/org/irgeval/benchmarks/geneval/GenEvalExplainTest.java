package org.irgeval.benchmarks.geneval;

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
class GenEvalExplainTest {
  private static ScoreRecord record(Map<String, Double> values, String detail, String raw) throws Exception {
    JsonNode d = detail == null ? null : Json.mapper().readTree(detail);
    return new ScoreRecord(new ScoreKey("b", "p1", 0, "reflection", "s"), values, d, raw, null, 0);
  }

  @Test
  void theRulesVerdictWithItsReasonAndTheDetections() throws Exception {
    ScoreRecord r = record(Map.of("correct", 0.0), """
        {"correct": false, "reason": "expected dog>=2, found 1 dog", "details": "{\\"dog\\": [[0.91, [1, 2, 3, 4]]]}"}""",
        null);
    assertEquals(List.of(new Explanation("verdict", "wrong: expected dog>=2, found 1 dog"),
        new Explanation("detections", "{\"dog\": [[0.91, [1, 2, 3, 4]]]}")), new GenEvalBenchmark().explain(r));
  }
}
