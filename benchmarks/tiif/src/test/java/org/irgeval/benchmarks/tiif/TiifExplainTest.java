package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreRecord;
import org.irgeval.testkit.StoredScore;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class TiifExplainTest {
  @Test
  void eachQuestionWithTheJudgesAnswerAndTheExpectedOne() throws Exception {
    ScoreRecord r = StoredScore.of(Map.of("correct", 1.0, "total", 2.0), """
        {"questions": ["Is there a cat?", "Is the cat red?"], "gt_answers": ["yes", "yes"],
         "model_pred": ["yes", "no"], "model_output": "yes\\nno"}""", null);
    assertEquals(List.of(new Explanation("Is there a cat?", "judge: yes (expected: yes)"),
        new Explanation("Is the cat red?", "judge: no (expected: yes)"), new Explanation("judge output", "yes\nno")),
        new TiifBenchmark().explain(r));
  }
}
