package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.testkit.OfficialData;
import org.junit.jupiter.api.Test;

/** The official 527-prompt file (and the 1600 release when its files are present). */
class GenAiBenchOfficialDataTest {
  @Test
  void loadsThe527OfficialPromptsWithTheirRatings() throws Exception {
    Path root = OfficialData.root("genai-bench");
    PromptSet s = new GenAiBenchBenchmark().load(root, Map.of());
    assertEquals(527, s.prompts().size());
    assertEquals("00001", s.prompts().get(0).id());
    assertEquals("00527", s.prompts().get(526).id());
    assertEquals("A baker pulling freshly baked bread out of an oven in a bakery.", s.prompts().get(0).text());
    for (Prompt p : s.prompts()) {
      assertEquals(6, p.metadata().get("models").size(), p.id());
    }
    if (!Files.exists(root.resolve("genai-bench/genai_skills_527.json"))) {
      assertEquals(527, s.categories().get("untagged"));
      assertTrue(s.version().contains("no skill tags"));
    }
    assertEquals(1, s.files().size() + (Files.exists(root.resolve("genai-bench/genai_skills_527.json")) ? -1 : 0));
  }

  /** Two official ratings are off the 1-5 scale; the official mean takes them as they are: (5+41+4)/3. */
  @Test
  void outOfScaleOfficialRatingsAreAveragedAsTheOfficialCodeDoes() throws Exception {
    Path root = OfficialData.root("genai-bench");
    PromptSet s = new GenAiBenchBenchmark().load(root, Map.of());
    Path csv = Files.createTempFile("genai", ".csv");
    Files.writeString(csv, "prompt_idx,model,score\n232,DALLE_3,0.5\n00253,DeepFloyd_I_XL_v1,0.5\n");
    var xs = new GenAiBenchResultsImporter().read(csv, s);
    assertEquals(50.0 / 3, xs.get(0).score().value("human"), 1e-12);
    assertEquals(39.0 / 3, xs.get(1).score().value("human"), 1e-12);
    Files.delete(csv);
  }

  @Test
  void loadsThe1600ReleaseWhenPresent() throws Exception {
    Path root = OfficialData.root("genai-bench");
    if (!Files.exists(root.resolve("genai-bench/genai_image.json"))) {
      System.err.println("[irg-eval tests] GenAI-Bench-1600 files absent (genai_image.json, genai_skills.json): only"
          + " the 527 release checked");
      return;
    }
    PromptSet s = new GenAiBenchBenchmark().load(root, Map.of("release", "1600"));
    assertEquals(1600, s.prompts().size());
    assertEquals(1600, s.categories().get("basic") + s.categories().get("advanced") + s.categories().get("untagged"));
  }
}
