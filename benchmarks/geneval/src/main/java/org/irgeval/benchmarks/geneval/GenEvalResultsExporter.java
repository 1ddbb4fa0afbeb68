package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.store.AtomicFiles;

/**
 * Writes score details ({@link ResultLine}) as an official {@code results.jsonl} that summary_scores.py reads:
 * one JSON object per line, ASCII only like pandas' {@code to_json} default ({@code force_ascii=True}).
 */
public final class GenEvalResultsExporter implements OfficialResultsExporter {
  private final ObjectWriter writer = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writer();

  /**
   * {@code dir/results.jsonl} from one variant's scores: the details in the schema of evaluate_images.py
   * l.247-258, one line per scored image; failed scorings have no official line and are left out.
   */
  @Override
  public void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException {
    write(dir.resolve("results.jsonl"), samples.stream()
        .filter(s -> !s.score().failed() && s.score().detail() != null).map(s -> s.score().detail()).toList());
  }

  public String format(List<? extends JsonNode> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (JsonNode n : lines) {
      sb.append(writer.writeValueAsString(n)).append('\n');
    }
    return sb.toString();
  }

  /** Writes the file atomically. */
  public void write(Path file, List<? extends JsonNode> lines) throws IOException {
    AtomicFiles.write(file, format(lines));
  }
}
