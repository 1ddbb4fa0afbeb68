package org.irgeval.benchmarks.geneval.djl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.benchmarks.geneval.rules.GenEvalColors;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * The zero-shot colour classifiers per object class, precomputed in Python (docs/geneval.md, "Exporting
 * CLIP"): for each class, 10 rows (GenEval's colour order), each the L2-normalised mean of the three
 * L2-normalised template embeddings (clip_benchmark {@code zero_shot_classifier}). File format:
 * <pre>
 * {"model": "ViT-L-14", "pretrained": "openai", "colors": [10 names], "templates": [3 templates with {c} and
 *  {classname}], "classifiers": {"dog": [[D floats] x 10], ...}}
 * </pre>
 * Colours and templates must be the official ones, so a file made with other templates is refused.
 */
final class TextClassifiers {
  /** The official templates (evaluate_images.py l.114-116) as written in the file. */
  static final List<String> TEMPLATES = List.of("a photo of a {c} {classname}", "a photo of a {c}-colored {classname}",
      "a photo of a {c} object");

  private final Map<String, float[][]> byClass = new HashMap<>();
  private final int dim;
  private final String sha256;
  private final String model;

  private TextClassifiers(int dim, String sha256, String model) {
    this.dim = dim;
    this.sha256 = sha256;
    this.model = model;
  }

  static TextClassifiers read(Path file) throws IOException, DataException {
    String name = file.toString();
    JsonNode root = Json.mapper().readTree(file.toFile());
    List<String> colors = strings(root.get("colors"));
    if (!GenEvalColors.NAMES.equals(colors)) {
      throw new DataException(name, 0, "colors", "expected " + GenEvalColors.NAMES + ", found " + colors, null);
    }
    List<String> templates = strings(root.get("templates"));
    if (!TEMPLATES.equals(templates)) {
      throw new DataException(name, 0, "templates", "expected the official " + TEMPLATES + ", found " + templates,
          null);
    }
    JsonNode cls = root.get("classifiers");
    if (cls == null || !cls.isObject() || cls.isEmpty()) {
      throw new DataException(name, 0, "classifiers", "expected {class: [[...] x 10]}", null);
    }
    int dim = -1;
    TextClassifiers out = null;
    for (Map.Entry<String, JsonNode> e : cls.properties()) {
      String f = "classifiers." + e.getKey();
      JsonNode rows = e.getValue();
      if (!rows.isArray() || rows.size() != GenEvalColors.NAMES.size()) {
        throw new DataException(name, 0, f, "expected 10 rows (one per colour)", null);
      }
      float[][] w = new float[rows.size()][];
      for (int r = 0; r < rows.size(); r++) {
        JsonNode row = rows.get(r);
        if (dim < 0) {
          dim = row.size();
          out = new TextClassifiers(dim, Hashing.sha256(file), root.path("model").asText("?") + "/"
              + root.path("pretrained").asText("?"));
        }
        if (!row.isArray() || row.size() != dim || dim == 0) {
          throw new DataException(name, 0, f + "[" + r + "]", "expected " + dim + " numbers", null);
        }
        w[r] = new float[dim];
        for (int i = 0; i < dim; i++) {
          w[r][i] = (float) row.get(i).asDouble();
        }
      }
      out.byClass.put(e.getKey(), w);
    }
    return out;
  }

  private static List<String> strings(JsonNode n) {
    if (n == null || !n.isArray()) {
      return List.of();
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** The 10 x D classifier of a class, or null. */
  float[][] of(String className) {
    return byClass.get(className);
  }

  int dim() {
    return dim;
  }

  String fingerprint() {
    return "text-classifiers " + model + "@sha256:" + sha256;
  }
}
