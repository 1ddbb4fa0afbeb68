package org.irgeval.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.benchmarks.oneig.OneIgBenchmark;
import org.irgeval.util.Json;
import org.openjdk.jmh.annotations.Setup;

/**
 * OneIG-Bench (EN)'s five official aggregations (docs/oneig.md section 3) at full size: 1120 prompts (anime 245 of
 * which 114 styled, human 244, object 206, text 200, reasoning 225, OneIG-Bench/OneIG-Benchmark@41b4983 EN prompt
 * counts) x 4 tiles, each tile with the values the {@code oneig-djl} scorer records: alignment or the five text figures
 * or reasoning, style for styled anime, and for diversity the DreamSim distances to the prompt's tiles scored before it
 * ({@code div_d<j>}, {@code OneIgDjlParts}), so each aggregation averages C(4,2) pairs per prompt. Once, and inside
 * the 1000-replicate stratified bootstrap of every summary.
 *
 * <p>{@code java -jar perf/target/benchmarks.jar OneIgAggregationBenchmark}
 */
public class OneIgAggregationBenchmark extends FullSizeAggregation {
  private static final Map<String, Integer> FOLDERS = Map.of("anime", 245, "human", 244, "object", 206, "text", 200,
      "reasoning", 225);
  private static final int STYLED = 114;

  @Setup
  public void setUp() {
    bench = new OneIgBenchmark();
    Random rnd = new Random(7);
    List<Prompt> ps = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String folder : List.of("anime", "human", "object", "text", "reasoning")) {
      int n = FOLDERS.get(folder);
      counts.put(folder, n);
      for (int i = 0; i < n; i++) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("folder", folder);
        m.put("id", String.format("%03d", i));
        m.put("type", "NP");
        m.put("prompt_length", "short");
        m.put("class", folder.equals("reasoning") ? "physics" : "");
        if (folder.equals("anime") && i < STYLED) {
          m.put("style", "style " + (i % 20));
        }
        ps.add(new Prompt(folder + "_" + m.path("id").asText(), ps.size(), "p", folder, m));
      }
    }
    prompts = new PromptSet("oneig", "EN", ps, List.of(), counts);
    samples = new ArrayList<>();
    for (Prompt p : ps) {
      for (int k = 0; k < 4; k++) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("black", 0.0);
        switch (p.category()) {
          case "text" -> {
            double gt = 5 + rnd.nextInt(20);
            double matched = Math.floor(gt * rnd.nextDouble());
            v.put("text_ed", 40 * rnd.nextDouble());
            v.put("text_cr", rnd.nextInt(2) * 1.0);
            v.put("text_wac", matched / gt);
            v.put("text_matched", matched);
            v.put("text_gt_words", gt);
          }
          case "reasoning" -> v.put("reasoning", rnd.nextDouble());
          default -> v.put("alignment", rnd.nextDouble());
        }
        if (p.metadata().has("style")) {
          v.put("style", rnd.nextDouble());
        }
        for (int j = 0; j < k; j++) {
          v.put("div_d" + j, 0.2 + 0.4 * rnd.nextDouble());
        }
        samples.add(new ScoredSample(p, k, new ScoreRecord(new ScoreKey("oneig", p.id(), k, "reflection", "x"), v,
            null, null, null, 0)));
      }
    }
  }
}
