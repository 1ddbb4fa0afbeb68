package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreRecord;
import org.irgeval.testkit.StoredScore;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class GenAiBenchExplainTest {
  @Test
  void theProbabilityOfYesAndItsSource() throws Exception {
    ScoreRecord r = StoredScore.of(Map.of("vqascore", 0.8125), "{\"judge_model\": \"qwen2.5-vl\", \"rule\": \"logprobs\"}", null);
    assertEquals(List.of(new Explanation("P(yes)", "0.8125"), new Explanation("judge model", "qwen2.5-vl"),
        new Explanation("rule", "logprobs")), new GenAiBenchBenchmark().explain(r));
  }
}
