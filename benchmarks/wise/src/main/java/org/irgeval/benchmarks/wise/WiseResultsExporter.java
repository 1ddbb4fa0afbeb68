package org.irgeval.benchmarks.wise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.store.AtomicFiles;

/**
 * Writes scores in the official {@code --result_scores} format, one JSONL file per official data file, sorted by
 * prompt_id (legacy: gpt_eval.py l.255-262 {@code {"prompt_id", "Subcategory", "consistency", "realism",
 * "aesthetic_quality"}}; verified: vllm_eval.py {@code {"prompt_id", "Subcategory", "score"}}; written with
 * ensure_ascii=False). The official calculators (WISE_legacy/Calculate.py, calculate_verified.py) read them
 * unchanged. Failed scorings have no line, as the official scripts skip "extract_fail" prompts.
 */
final class WiseResultsExporter implements OfficialResultsExporter {
  /** Plain (not snake_case-renaming) mapper: the official keys are written as given. */
  private final ObjectMapper mapper = JsonMapper.builder().build();

  @Override
  public void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException {
    WiseVersion version = WiseVersion.ofPromptSet(prompts.version());
    Map<String, List<ScoredSample>> byFile = new LinkedHashMap<>();
    version.dataFiles().forEach(f -> byFile.put(f, new ArrayList<>()));
    for (ScoredSample s : samples) {
      if (s.score().failed() || s.sample() != 0) {
        continue; // one image per prompt in the official protocol
      }
      int id = Integer.parseInt(s.prompt().id());
      byFile.get(fileOf(version, id)).add(s);
    }
    for (Map.Entry<String, List<ScoredSample>> e : byFile.entrySet()) {
      StringBuilder out = new StringBuilder();
      e.getValue().sort(Comparator.comparingInt(s -> Integer.parseInt(s.prompt().id())));
      for (ScoredSample s : e.getValue()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("prompt_id", Integer.parseInt(s.prompt().id()));
        line.put("Subcategory", s.prompt().metadata() == null ? null : s.prompt().metadata().path("Subcategory").asText());
        if (version == WiseVersion.VERIFIED) {
          line.put("score", s.score().value("score"));
        } else {
          line.put("consistency", s.score().value("consistency"));
          line.put("realism", s.score().value("realism"));
          line.put("aesthetic_quality", s.score().value("aesthetic_quality"));
        }
        out.append(mapper.writeValueAsString(line)).append('\n');
      }
      String name = Path.of(e.getKey()).getFileName().toString().replace(".json", "_scores.jsonl");
      AtomicFiles.write(dir, dir.resolve(name), out.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The official data file a prompt id belongs to: the three files split the id space at the category
   * boundaries (cultural | time + space | biology + physics + chemistry).
   */
  private static String fileOf(WiseVersion version, int id) {
    List<WiseCategory> cats = version.categories();
    int file = cats.get(0).contains(id) ? 0 : id <= cats.get(2).lastId() ? 1 : 2;
    return version.dataFiles().get(file);
  }
}
