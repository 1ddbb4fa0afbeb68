package org.irgeval.benchmarks.tiif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkContract;

/** TIIF keeps the adapter contract on its demo samples. */
class TiifContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new TiifBenchmark();
  }

  /** A judgement: some of the prompt's questions answered right. */
  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    int total = prompt.metadata().path("eval").path("yn_question_list").size();
    Map<String, Double> v = new LinkedHashMap<>();
    v.put(TiifAggregator.CORRECT, (double) rnd.nextInt(total + 1));
    v.put(TiifAggregator.TOTAL, (double) total);
    return ScoreOutcome.of(v, null, null);
  }

  /** One model's tree of official judge records, with the given text as one record. */
  @Override
  protected Path officialResults(String content) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "official");
    Path f = Files.createDirectories(dir.resolve("2d_spatial_relation/short")).resolve("0.json");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return dir;
  }

  @Override
  protected List<Malformed> malformedResults() {
    String ok = "\"attribute\": \"2d_spatial_relation\", \"desc\": \"short_description\", \"questions\": [\"q\"],"
        + " \"gt_answers\": [\"yes\"], \"model_pred\": [\"yes\"]";
    return List.of(
        new Malformed("{" + ok + ", \"line_idx\": \"zero\"}", 0, "line_idx"),
        // the type is the folder's (summary_results.py l.62-80), so a wrong attribute is not read; missing questions are
        new Malformed("{\"attribute\": \"2d_spatial\", \"desc\": \"short_description\", \"line_idx\": 0}", 0,
            "questions"),
        new Malformed("{\"attribute\": \"2d_spatial_relation\", \"desc\": \"short_description\", \"line_idx\": 0,"
            + " \"questions\": [\"q\"], \"gt_answers\": [\"yes\"], \"model_pred\": [1]}", 0, "model_pred[0]"));
  }
}
