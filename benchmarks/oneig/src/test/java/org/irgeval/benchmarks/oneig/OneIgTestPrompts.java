package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.util.Json;

/** Synthetic OneIG prompts and tiles for the aggregation tests. */
final class OneIgTestPrompts {
  private OneIgTestPrompts() {}

  static Prompt prompt(String folder, String id, int index, String style) {
    ObjectNode m = Json.mapper().createObjectNode();
    m.put("folder", folder);
    m.put("id", id);
    m.put("type", "NP");
    m.put("prompt_length", "short");
    m.put("class", folder.equals("reasoning") ? "physics" : "");
    if (style != null) {
      m.put("style", style);
    }
    return new Prompt(folder + "_" + id, index, "p", folder, m);
  }

  static PromptSet set(Prompt... prompts) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    OneIgCategory.folders().forEach(f -> counts.put(f, 0));
    for (Prompt p : prompts) {
      counts.merge(p.category(), 1, Integer::sum);
    }
    return new PromptSet("oneig", "EN", List.of(prompts), List.of(), counts);
  }

  static ScoredSample tile(Prompt p, int k, Map<String, Double> v) {
    Map<String, Double> values = new LinkedHashMap<>(v);
    values.putIfAbsent(OneIgAggregator.BLACK, 0.0);
    return new ScoredSample(p, k, new ScoreRecord(new ScoreKey("oneig", p.id(), k, Variant.REFLECTION, "t"), values,
        null, null, null, 0));
  }

  static ScoredSample black(Prompt p, int k) {
    return tile(p, k, Map.of(OneIgAggregator.BLACK, 1.0));
  }

  static Map<String, Double> emb(double... e) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (int i = 0; i < e.length; i++) {
      v.put(OneIgAggregator.DIV_EMBEDDING + i, e[i]);
    }
    return v;
  }

  static List<ScoredSample> list(ScoredSample... s) {
    return new ArrayList<>(List.of(s));
  }
}
