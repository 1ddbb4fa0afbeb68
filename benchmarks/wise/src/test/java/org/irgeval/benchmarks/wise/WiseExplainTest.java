package org.irgeval.benchmarks.wise;

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
class WiseExplainTest {
  private static ScoreRecord record(Map<String, Double> values, String detail, String raw) throws Exception {
    JsonNode d = detail == null ? null : Json.mapper().readTree(detail);
    return new ScoreRecord(new ScoreKey("b", "p1", 0, "reflection", "s"), values, d, raw, null, 0);
  }

  @Test
  void theThreeSubScoresTheWiScoreAndTheJudgesReply() throws Exception {
    ScoreRecord r = record(Map.of("consistency", 2.0, "realism", 1.0, "aesthetic_quality", 1.0, "wiscore", 0.85),
        "{\"judge_model\": \"gpt-4o-2024-05-13\"}", "Consistency: 2\nRealism: 1\nAesthetic Quality: 1");
    assertEquals(List.of(new Explanation("consistency", "2.000"), new Explanation("realism", "1.000"),
        new Explanation("aesthetic quality", "1.000"), new Explanation("wiscore", "0.8500"),
        new Explanation("judge", "gpt-4o-2024-05-13"),
        new Explanation("judge reply", "Consistency: 2\nRealism: 1\nAesthetic Quality: 1")),
        new WiseBenchmark().explain(r));
  }
}
