package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Prompt;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.Verdict;

/**
 * One line of the official {@code results.jsonl} (evaluate_images.py l.247-258): the fields and their order,
 * with {@code metadata} and {@code details} as Python {@code json.dumps} strings.
 */
public final class ResultLine {
  private ResultLine() {}

  /**
   * @param filename the image path as the official script would print it; we use the official layout path
   *                 relative to the export root ({@code 00012/samples/00003.png})
   */
  public static ObjectNode of(String filename, Prompt prompt, Verdict verdict) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode details = f.objectNode();
    for (Map.Entry<String, List<Detection>> e : verdict.kept().entrySet()) {
      ArrayNode rows = details.putArray(e.getKey());
      for (Detection d : e.getValue()) {
        ArrayNode row = rows.addArray();
        for (float v : d.row()) {
          row.add((double) v); // box.tolist() of a float32 row: Python floats holding the float32 values
        }
      }
    }
    ObjectNode o = f.objectNode();
    o.put("filename", filename);
    o.put("tag", prompt.category());
    o.put("prompt", prompt.metadata().path("prompt").asText(prompt.text()));
    o.put("correct", verdict.correct());
    o.put("reason", verdict.reason());
    o.put("metadata", PyJson.dumps(prompt.metadata()));
    o.put("details", PyJson.dumps(details));
    return o;
  }

  /** The layout-relative file name of (prompt, sample). */
  public static String filename(Prompt prompt, int sample) {
    return prompt.id() + "/samples/" + GenEvalImageLayout.sampleName(sample);
  }
}
