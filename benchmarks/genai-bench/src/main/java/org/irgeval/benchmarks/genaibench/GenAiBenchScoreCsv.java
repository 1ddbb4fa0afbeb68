package org.irgeval.benchmarks.genaibench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.data.DataFiles;

/**
 * Per-prompt VQAScores made elsewhere, as CSV: {@code prompt_idx,score} (one image per prompt, e.g. the rows of the
 * official {@code genai_bench_results/<gen_model>/<model>_<N>_prompts.pt}) or {@code prompt_idx,model,score} (the
 * human-rated models' images, {@code genai_image_results/<model>_<N>_prompts.pt}). An optional header line with
 * those names; keys {@code 00001} and {@code 1} name the same prompt. Errors name file, line and field.
 */
final class GenAiBenchScoreCsv {
  /** One row. @param model null for two-column files */
  record Row(int index, String model, double score, long line) {}

  private GenAiBenchScoreCsv() {}

  static List<Row> read(Path file) throws DataException, IOException {
    String shown = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DataException(shown, 0, null, "no such file", null);
    }
    List<String> lines;
    try {
      lines = DataFiles.readAllLines(file, shown);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DataException(shown, 0, null, "not UTF-8 text (" + e + ")", null);
    }
    List<Row> out = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    int columns = -1;
    for (int i = 0; i < lines.size(); i++) {
      long ln = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      for (int k = 0; k < f.length; k++) {
        f[k] = f[k].strip();
      }
      if (out.isEmpty() && columns < 0 && f[0].equals("prompt_idx")) {
        if (!(f.length == 2 && f[1].equals("score")) && !(f.length == 3 && f[1].equals("model")
            && f[2].equals("score"))) {
          throw new DataException(shown, ln, null, "header must be prompt_idx,score or prompt_idx,model,score", null);
        }
        columns = f.length;
        continue;
      }
      if (f.length != 2 && f.length != 3) {
        throw new DataException(shown, ln, null, "expected prompt_idx,score or prompt_idx,model,score", null);
      }
      if (columns < 0) {
        columns = f.length;
      } else if (f.length != columns) {
        throw new DataException(shown, ln, null, f.length + " columns where the file has " + columns, null);
      }
      if (!f[0].matches("[0-9]{1,9}")) {
        throw new DataException(shown, ln, "prompt_idx", "'" + f[0] + "' is not a prompt index", null);
      }
      int index = Integer.parseInt(f[0]);
      String model = columns == 3 ? f[1] : null;
      if (model != null && model.isEmpty()) {
        throw new DataException(shown, ln, "model", "empty", null);
      }
      double score;
      try {
        score = Double.parseDouble(f[columns - 1]);
      } catch (NumberFormatException e) {
        score = Double.NaN;
      }
      if (!Double.isFinite(score)) {
        throw new DataException(shown, ln, "score", "'" + f[columns - 1] + "' is not a finite number", null);
      }
      String key = index + (model == null ? "" : "\u0000" + model);
      Long before = seen.putIfAbsent(key, ln);
      if (before != null) {
        throw new DataException(shown, ln, "prompt_idx", "duplicate prompt " + String.format("%05d", index)
            + (model == null ? "" : " for model " + model) + " (first at line " + before + ")", null);
      }
      out.add(new Row(index, model, score, ln));
    }
    if (out.isEmpty()) {
      throw new DataException(shown, 0, null, "no score rows (empty file)", null);
    }
    return out;
  }
}
