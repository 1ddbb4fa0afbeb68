package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreRecord;
import org.irgeval.testkit.StoredScore;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class GenEvalExplainTest {
  @Test
  void theRulesVerdictWithItsReasonAndTheDetections() throws Exception {
    ScoreRecord r = StoredScore.of(Map.of("correct", 0.0), """
        {"correct": false, "reason": "expected dog>=2, found 1 dog", "details": "{\\"dog\\": [[0.91, [1, 2, 3, 4]]]}"}""",
        null);
    assertEquals(List.of(new Explanation("verdict", "wrong: expected dog>=2, found 1 dog"),
        new Explanation("detections", "{\"dog\": [[0.91, [1, 2, 3, 4]]]}")), new GenEvalBenchmark().explain(r));
  }
}
