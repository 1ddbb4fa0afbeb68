package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.util.Json;

/**
 * {@code irg-eval import --benchmark genai-bench --official-results FILE}: per-prompt scores as CSV
 * ({@link GenAiBenchScoreCsv}). Two columns: one image per prompt (sample 0). Three columns: the rated models'
 * images, sample = the model's position in the official order (dataset.py l.1235: DALLE_3, SDXL_Turbo,
 * DeepFloyd_I_XL_v1, Midjourney_6, SDXL_2_1, SDXL_Base; other names after them), each with its human score = the
 * mean of the prompt's ratings for that model (genai_image_eval.py l.45; dataset.py l.1339) when the prompt file is
 * loaded ({@code --data}); that gives {@code extra.human_agreement} and {@code extra.per_model_means}.
 * Unknown or duplicate prompts are errors naming the line.
 */
final class GenAiBenchResultsImporter implements OfficialResultsImporter {
  static final String SCORER = "genai-vqa-import";
  static final List<String> RATED_MODELS = List.of("DALLE_3", "SDXL_Turbo", "DeepFloyd_I_XL_v1", "Midjourney_6",
      "SDXL_2_1", "SDXL_Base");
  private final ObjectMapper mapper = Json.mapper();

  @Override
  public List<ScoredSample> read(Path officialResults, PromptSet prompts) throws DataException, IOException {
    List<GenAiBenchScoreCsv.Row> rows = GenAiBenchScoreCsv.read(officialResults);
    Map<Integer, Prompt> byIndex = index(prompts);
    List<String> models = new ArrayList<>(RATED_MODELS);
    List<ScoredSample> out = new ArrayList<>();
    for (GenAiBenchScoreCsv.Row r : rows) {
      Prompt p = byIndex.get(r.index());
      if (p == null) {
        throw new DataException(officialResults.toString(), r.line(), "prompt_idx", "prompt " + r.index()
            + " is not in the loaded GenAI-Bench prompt set (" + prompts.version() + ")", null);
      }
      int sample = 0;
      ObjectNode detail = mapper.createObjectNode();
      detail.put("file", officialResults.toString());
      detail.put("line", r.line());
      Map<String, Double> values = new LinkedHashMap<>();
      values.put(GenAiBenchAggregator.SCORE, r.score());
      if (r.model() != null) {
        if (!models.contains(r.model())) {
          models.add(r.model());
        }
        sample = models.indexOf(r.model());
        detail.put(GenAiBenchAggregator.MODEL, r.model());
        JsonNode ratings = p.metadata() == null ? null : p.metadata().path("models").get(r.model());
        if (ratings != null && ratings.isArray() && !ratings.isEmpty()) {
          double s = 0;
          for (JsonNode v : ratings) {
            s += v.asDouble();
          }
          values.put(GenAiBenchAggregator.HUMAN, s / ratings.size());
        }
      }
      out.add(new ScoredSample(p, sample, new ScoreRecord(new ScoreKey(GenAiBenchBenchmark.ID, p.id(), sample,
          Variant.IMPORTED, SCORER), values, detail, null, null, 0)));
    }
    return out;
  }

  /** Prompts by their integer index, so {@code 00001} and {@code 1} both find prompt 00001. */
  static Map<Integer, Prompt> index(PromptSet prompts) {
    Map<Integer, Prompt> out = new HashMap<>();
    for (Prompt p : prompts.prompts()) {
      out.put(Integer.parseInt(p.id()), p);
    }
    return out;
  }

  /** Without the prompt file: the prompts the results name, untagged (so the overall is the mean over them all). */
  @Override
  public Optional<PromptSet> promptsFromResults(Path officialResults, Map<String, String> options)
      throws DataException, IOException {
    GenAiBenchRelease release = GenAiBenchRelease.byId(GenAiBenchBenchmark.RELEASE.text(options))
        .orElse(GenAiBenchRelease.R527);
    TreeSet<Integer> ids = new TreeSet<>();
    GenAiBenchScoreCsv.read(officialResults).forEach(r -> ids.add(r.index()));
    List<Prompt> prompts = new ArrayList<>();
    for (int id : ids) {
      prompts.add(new Prompt(String.format("%05d", id), prompts.size(), "", GenAiBenchTags.UNTAGGED, null));
    }
    return Optional.of(new PromptSet(GenAiBenchBenchmark.ID, release.id() + " (" + GenAiBenchPromptLoader.NO_TAGS
        + "; from results, no prompt file)", prompts, List.of(), Map.of(GenAiBenchTags.UNTAGGED, prompts.size())));
  }
}
