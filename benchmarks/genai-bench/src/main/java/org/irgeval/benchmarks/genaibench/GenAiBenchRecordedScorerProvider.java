package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * {@code genai-bench-recorded} (formerly {@code genai-vqa-import}, still accepted; the fingerprint keeps its old
 * prefix so runs resume): VQAScores computed elsewhere (e.g. CLIP-FlanT5-XXL with t2v_metrics==3.0 on the
 * exported {@code outputs/<gen_model>/<prompt_idx>.jpeg}), one per prompt, read from a CSV
 * ({@code --scorer-opt scores=FILE}; {@link GenAiBenchScoreCsv}); for three-column files
 * {@code --scorer-opt model=NAME} picks the rows. The file's SHA-256 is in the fingerprint. A prompt the file has no
 * row for is a stored failure, named.
 */
public final class GenAiBenchRecordedScorerProvider implements ScorerProvider {
  public static final String ID = "genai-bench-recorded";
  /** Reading a CSV row costs nothing; a few at once keep the pool busy. */
  static final int CONCURRENCY = 4;
  static final OptionSpec SCORES = OptionSpec.of("scores", OptionSpec.Type.TEXT, "CSV of per-prompt VQAScores"
      + " (required)");
  static final OptionSpec MODEL = OptionSpec.of("model", OptionSpec.Type.TEXT, "rows of this model in a"
      + " prompt_idx,model,score file");

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenAiBenchBenchmark.ID, ScorerDescription.Kind.RECORDED,
        "per-prompt VQAScores made elsewhere, from a CSV prompt_idx,score (or prompt_idx,model,score with"
            + " model=NAME); say which scorer made them").concurrency(CONCURRENCY).aliases("genai-vqa-import");
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(SCORES, MODEL);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    String file = SCORES.given(context.options()).orElse(null);
    if (file == null) {
      throw new ScorerUnavailableException(ID + " needs --scorer-opt scores=FILE (CSV prompt_idx,score)");
    }
    Path path = Path.of(file);
    String model = MODEL.given(context.options()).orElse(null);
    Map<Integer, Double> scores = new HashMap<>();
    for (GenAiBenchScoreCsv.Row r : GenAiBenchScoreCsv.read(path)) {
      if (r.model() != null && model == null) {
        throw new ScorerUnavailableException(file + " has a model column: give --scorer-opt model=NAME");
      }
      if (model == null || model.equals(r.model())) {
        scores.put(r.index(), r.score());
      }
    }
    String fp = "genai-vqa-import/1 sha256=" + Hashing.sha256(path) + (model == null ? "" : " model=" + model);
    return new Scorer() {
      @Override
      public String fingerprint() {
        return fp;
      }

      @Override
      public ScoreOutcome score(ScoringInput input) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("file", file);
        Double v = scores.get(Integer.parseInt(input.prompt().id()));
        if (v == null) {
          return ScoreOutcome.failure("no score for prompt " + input.prompt().id() + " in " + file, detail, null);
        }
        return ScoreOutcome.of(Map.of(GenAiBenchAggregator.SCORE, v), detail, null);
      }
    };
  }
}
