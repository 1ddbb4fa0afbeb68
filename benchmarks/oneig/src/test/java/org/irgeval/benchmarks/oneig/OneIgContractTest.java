package org.irgeval.benchmarks.oneig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.testkit.BenchmarkContract;

/** OneIG keeps the adapter contract on its demo samples. */
class OneIgContractTest extends BenchmarkContract {
  @Override
  protected Benchmark benchmark() {
    return new OneIgBenchmark();
  }

  /** A tile with random raw outputs for every dimension of the prompt. */
  @Override
  protected ScoreOutcome validScore(Prompt prompt, Random rnd) {
    Map<String, String> answers = new LinkedHashMap<>();
    prompt.metadata().path("questions").fieldNames().forEachRemaining(q -> answers.put(q, rnd.nextBoolean() ? "Yes"
        : "No"));
    double[] emb = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
    OneIgTile t = OneIgTile.empty().withAnswers(answers).withOcr(rnd.nextBoolean() ? "OPEN" : "OPEM")
        .withCosine(rnd.nextDouble() * 0.4).withStyle(new double[] {rnd.nextDouble(), 0.1, -0.2},
            new double[] {rnd.nextDouble() * 0.7, 0.2, 0.1}).withEmbedding(emb);
    return ScoreOutcome.of(t.values(prompt), null, null);
  }

  @Override
  protected String officialResultsFileName() {
    return "alignment.jsonl";
  }

  @Override
  protected List<Malformed> malformedResults() {
    String four = "[{\"black\": true}, {\"black\": true}, {\"black\": true}, {\"black\": true}]";
    return List.of(
        new Malformed("{\"category\": \"animal\", \"id\": \"000\", \"image\": \"present\", \"tiles\": " + four + "}",
            1, "category"),
        new Malformed("{\"category\": \"object\", \"id\": \"000\", \"image\": \"present\", \"tiles\": " + four + "}\n"
            + "{\"category\": \"object\", \"id\": \"001\", \"image\": \"present\", \"tiles\": [{\"black\": false,"
            + " \"answers\": {\"1\": \"Yes\", \"2\": \"No\"}}, {\"black\": true}, {\"black\": true}, {\"black\":"
            + " true}]}", 2, "tiles[0].answers.3"),
        new Malformed("{\"category\": \"object\", \"id\": \"000\", \"image\": \"maybe\", \"tiles\": null}", 1, "image"),
        new Malformed("{\"category\": \"object\", \"id\": \"000\", \"image\": \"present\", \"tiles\": [{\"black\":"
            + " true}]}", 1, "tiles"),
        new Malformed("{\"category\": \"text\", \"id\": \"000\", \"image\": \"present\", \"tiles\": " + four + "}", 1,
            "category"));
  }
}
