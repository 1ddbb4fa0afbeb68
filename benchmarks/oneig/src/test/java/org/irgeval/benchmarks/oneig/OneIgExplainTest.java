package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreRecord;
import org.irgeval.testkit.StoredScore;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class OneIgExplainTest {
  @Test
  void theScoresPerDimensionTheAnswerPerQuestionAndTheOcr() throws Exception {
    ScoreRecord r = StoredScore.of(Map.of("alignment", 0.5), """
        {"tile": {"black": false, "answers": {"1": "Yes", "2": "No"}, "ocr": "OPEN 24h"}}""", "OPEN 24h");
    assertEquals(List.of(new Explanation("alignment", "0.5000"), new Explanation("question 1", "answer: Yes"),
        new Explanation("question 2", "answer: No"), new Explanation("OCR", "OPEN 24h")),
        new OneIgBenchmark().explain(r));
  }
}
