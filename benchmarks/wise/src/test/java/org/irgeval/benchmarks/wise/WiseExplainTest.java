package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Explanation;
import org.irgeval.api.ScoreRecord;
import org.irgeval.testkit.StoredScore;
import org.junit.jupiter.api.Test;

/** What the image browser shows under an image: {@code Benchmark.explain} of a stored score. */
class WiseExplainTest {
  @Test
  void theThreeSubScoresTheWiScoreAndTheJudgesReply() throws Exception {
    ScoreRecord r = StoredScore.of(Map.of("consistency", 2.0, "realism", 1.0, "aesthetic_quality", 1.0, "wiscore", 0.85),
        "{\"judge_model\": \"gpt-4o-2024-05-13\"}", "Consistency: 2\nRealism: 1\nAesthetic Quality: 1");
    assertEquals(List.of(new Explanation("consistency", "2.000"), new Explanation("realism", "1.000"),
        new Explanation("aesthetic quality", "1.000"), new Explanation("wiscore", "0.8500"),
        new Explanation("judge", "gpt-4o-2024-05-13"),
        new Explanation("judge reply", "Consistency: 2\nRealism: 1\nAesthetic Quality: 1")),
        new WiseBenchmark().explain(r));
  }
}
