package org.irgeval.benchmarks.wise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkContract;

/** WISE keeps the adapter contract on its demo samples (legacy, the default version). */
class WiseContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new WiseBenchmark();
  }

  /** A legacy judgement: three scores 0-2 and their WiScore (gpt_eval.py's reply, Calculate.py's formula). */
  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    double c = rnd.nextInt(3);
    double r = rnd.nextInt(3);
    double a = rnd.nextInt(3);
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("consistency", c);
    v.put("realism", r);
    v.put("aesthetic_quality", a);
    v.put("wiscore", WiScore.legacy(c, r, a));
    return ScoreOutcome.of(v, null, null);
  }

  @Override
  protected String officialResultsFileName() {
    return "cultural_common_sense_scores.jsonl";
  }

  @Override
  protected List<Malformed> malformedResults() {
    return List.of(
        new Malformed("{\"prompt_id\": \"one\", \"consistency\": 2, \"realism\": 1, \"aesthetic_quality\": 1}\n", 1,
            "prompt_id"),
        new Malformed("{\"prompt_id\": 1, \"consistency\": 2, \"realism\": 1, \"aesthetic_quality\": 1}\n"
            + "{\"prompt_id\": 2, \"consistency\": \"high\", \"realism\": 1, \"aesthetic_quality\": 1}\n", 2,
            "consistency"));
  }
}
