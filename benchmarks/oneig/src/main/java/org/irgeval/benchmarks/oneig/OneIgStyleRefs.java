package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.util.Json;

/**
 * The reference style embeddings of OneIG-Bench/OneIG-Benchmark@41b4983 {@code scripts/style/CSD_embed.pt} and
 * {@code SE_embed.pt} (torch pickles: style -> tensor [3, d]; style_score.py l.31-34), read from their decoded JSON
 * form {@code style/CSD_embed.json} / {@code style/SE_embed.json}: {@code {style: {"shape": [3, d], "data": [[...]]}}}.
 * CSD rows are unit-norm ([3, 768]); SE rows ([3, 1280], stored as bfloat16) are unit-norm only up to bfloat16 rounding
 * (0.998-1.003 when decoded with benchmarks/oneig/tools/decode_style_refs.py) and are used as they are: style_score.py
 * l.81 multiplies the normalised image embedding with the raw reference.
 */
record OneIgStyleRefs(Map<String, double[][]> csd, Map<String, double[][]> se) {
  static final String CSD = "style/CSD_embed.json";
  static final String SE = "style/SE_embed.json";
  static final int CSD_DIM = 768;
  static final int SE_DIM = 1280;

  /** Checks and hashes both files when both are present (the prompts do not need them). */
  static void checkIfPresent(Path root, List<DataFile> files) throws DataException {
    if (Files.isRegularFile(root.resolve(CSD)) && Files.isRegularFile(root.resolve(SE))) {
      load(root, files);
    }
  }

  static OneIgStyleRefs load(Path root, List<DataFile> files) throws DataException {
    return new OneIgStyleRefs(read(root, CSD, CSD_DIM, files), read(root, SE, SE_DIM, files));
  }

  private static Map<String, double[][]> read(Path root, String shown, int dim, List<DataFile> files)
      throws DataException {
    String raw = OneIgPromptLoader.readText(root, shown, files);
    ObjectMapper mapper = Json.mapper();
    JsonNode all;
    try {
      all = mapper.readTree(raw);
    } catch (IOException e) {
      throw OneIgPromptLoader.err(shown, 0, null, "not valid JSON: " + e.getMessage());
    }
    Map<String, double[][]> out = new HashMap<>();
    for (String style : OneIgPromptLoader.STYLES) {
      JsonNode e = all.get(style);
      long line = OneIgPromptLoader.lineOf(raw, style);
      if (e == null) {
        throw OneIgPromptLoader.err(shown, 0, style, "no reference embeddings for style " + style);
      }
      JsonNode data = e.get("data");
      if (data == null || !data.isArray() || data.size() != 3) {
        throw OneIgPromptLoader.err(shown, line, style + ".data", "expected 3 reference rows");
      }
      double[][] rows = new double[3][];
      for (int r = 0; r < 3; r++) {
        JsonNode row = data.get(r);
        if (!row.isArray() || row.size() != dim) {
          throw OneIgPromptLoader.err(shown, line, style + ".data[" + r + "]", "expected " + dim + " numbers");
        }
        rows[r] = new double[dim];
        for (int k = 0; k < dim; k++) {
          if (!row.get(k).isNumber()) {
            throw OneIgPromptLoader.err(shown, line, style + ".data[" + r + "][" + k + "]", "not a number");
          }
          rows[r][k] = row.get(k).asDouble();
        }
      }
      out.put(style, rows);
    }
    return out;
  }

  /** Row norms of one style's references (for data facts). */
  static List<Double> norms(double[][] rows) {
    List<Double> n = new ArrayList<>();
    for (double[] r : rows) {
      double s = 0;
      for (double x : r) {
        s += x * x;
      }
      n.add(Math.sqrt(s));
    }
    return n;
  }
}
