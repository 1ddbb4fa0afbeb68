package org.irgeval.perf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.irgeval.benchmarks.genaibench.GenAiBenchBenchmark;
import org.irgeval.util.Json;
import org.openjdk.jmh.annotations.Setup;

/**
 * GenAI-Bench's official per-skill aggregation (evaluate.py show_performance_per_skill) at the full 1600-prompt size,
 * once and inside the 1000-replicate stratified bootstrap of every summary. The prompt set is read by the real
 * loader from synthetic files in the official layout ({@code genai_image.json}, {@code genai_skills.json}): each prompt
 * basic or advanced (3:2) with one to three of the ten skill tags, one VQAScore per prompt.
 *
 * <p>{@code java -jar perf/target/benchmarks.jar GenAiBenchAggregationBenchmark}
 */
public class GenAiBenchAggregationBenchmark extends FullSizeAggregation {
  static final int PROMPTS = 1600;
  private static final List<String> SKILLS = List.of("attribute", "scene", "spatial relation", "action relation",
      "part relation", "counting", "comparison", "differentiation", "negation", "universal");

  @Setup
  public void setUp() throws Exception {
    bench = new GenAiBenchBenchmark();
    Random rnd = new Random(5);
    Map<String, Object> image = new LinkedHashMap<>();
    Map<String, List<Integer>> tags = new LinkedHashMap<>();
    tags.put("basic", new ArrayList<>());
    tags.put("advanced", new ArrayList<>());
    SKILLS.forEach(t -> tags.put(t, new ArrayList<>()));
    for (int i = 1; i <= PROMPTS; i++) {
      image.put(String.format("%05d", i), Map.of("prompt", "prompt " + i));
      tags.get(rnd.nextInt(5) < 3 ? "basic" : "advanced").add(i);
      int n = 1 + rnd.nextInt(3);
      for (int k = 0; k < n; k++) {
        List<Integer> l = tags.get(SKILLS.get(rnd.nextInt(SKILLS.size())));
        if (!l.contains(i)) {
          l.add(i);
        }
      }
    }
    Path data = Files.createTempDirectory("genai-jmh");
    Path dir = Files.createDirectories(data.resolve("genai-bench"));
    Files.writeString(dir.resolve("genai_image.json"), Json.mapper().writeValueAsString(image), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("genai_skills.json"), Json.mapper().writeValueAsString(tags), StandardCharsets.UTF_8);
    prompts = bench.load(data, Map.of("release", "1600"));
    samples = new ArrayList<>();
    for (Prompt p : prompts.prompts()) {
      samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("genai-bench", p.id(), 0, "reflection", "x"),
          Map.of("vqascore", rnd.nextDouble()), null, null, null, 0)));
    }
  }
}
