package org.irgeval.benchmarks.genaibench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.data.DemoSamples;

final class GenAiBenchTestData {
  private GenAiBenchTestData() {}

  static Path demo(Path tmp) throws Exception {
    return DemoSamples.on(GenAiBenchTestData.class.getClassLoader()).extract(tmp.resolve("demo"), "genai-bench");
  }

  static PromptSet demoSet(Path tmp) throws Exception {
    return new GenAiBenchBenchmark().load(demo(tmp), Map.of());
  }

  /** A data root with the given prompt file and (when not null) tag file for release 527. */
  static Path data(Path tmp, String prompts, String skills) throws Exception {
    Path dir = tmp.resolve("data").resolve("genai-bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("genai_image_527_with_human_ratings.json"), prompts, StandardCharsets.UTF_8);
    if (skills != null) {
      Files.writeString(dir.resolve("genai_skills_527.json"), skills, StandardCharsets.UTF_8);
    }
    return tmp.resolve("data");
  }

  static ScoredSample scored(Prompt p, int sample, double v) {
    return new ScoredSample(p, sample, new ScoreRecord(new ScoreKey("genai-bench", p.id(), sample, "reflection", "t"),
        Map.of(GenAiBenchAggregator.SCORE, v), null, null, null, 0));
  }

  static ScoredSample failed(Prompt p, int sample) {
    return new ScoredSample(p, sample, new ScoreRecord(new ScoreKey("genai-bench", p.id(), sample, "reflection", "t"),
        Map.of(), null, null, "no logprobs", 0));
  }

  static List<ScoredSample> scores(PromptSet s, double... v) {
    List<ScoredSample> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      out.add(scored(s.prompts().get(i), 0, v[i]));
    }
    return out;
  }
}
