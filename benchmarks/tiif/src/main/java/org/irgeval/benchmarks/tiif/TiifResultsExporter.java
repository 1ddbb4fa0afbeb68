package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Json;

/**
 * Writes one variant's judgements as the official per-image records ({@code eval_with_vlm.py} l.198-209, written
 * with {@code json.dump(..., ensure_ascii=False, indent=2)}) under
 * {@code <dir>/eval-results/irg-eval/<type>/<short|long>/<line_idx>.json}, so the official
 * {@code summary_results.py --input_dir <dir>/eval-results} and {@code summary_dimension_results.py} can be run on
 * our judgements. Failed judgements have no official file and are left out; sample k > 0 is
 * {@code <line_idx>_s<k>.json} (the official script averages every file of a folder).
 */
final class TiifResultsExporter implements OfficialResultsExporter {
  static final List<String> OFFICIAL_FIELDS = List.of("attribute", "desc", "jsonl_file", "line_idx", "questions",
      "gt_answers", "model_pred", "model_output");
  private final ObjectMapper mapper = Json.mapper();

  @Override
  public void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException {
    Path root = dir.resolve("eval-results").resolve(TiifImageLayout.MODEL);
    for (ScoredSample s : samples) {
      JsonNode d = s.score().detail();
      if (s.score().failed() || d == null) {
        continue;
      }
      ObjectNode o = mapper.createObjectNode();
      OFFICIAL_FIELDS.forEach(f -> o.set(f, d.get(f)));
      var meta = s.prompt().metadata();
      String name = meta.path("line_idx").asInt() + (s.sample() == 0 ? "" : "_s" + s.sample()) + ".json";
      AtomicFiles.write(root, root.resolve(meta.path("type").asText()).resolve(meta.path("length").asText()).resolve(name),
          mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
    }
  }
}
