package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenAiBenchPromptLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void demoTagsGoToMetadataAndCategories() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    assertEquals("527 (genai_skills_527.json)", s.version());
    assertEquals(Map.of("basic", 4, "advanced", 3, "untagged", 0), Map.copyOf(s.categories()));
    assertEquals(List.of("counting", "negation", "advanced"),
        List.copyOf(GenAiBenchAggregator.tagsOf(s.prompts().get(1))));
    assertEquals(2, s.files().size());
  }

  private DataException bad(String prompts, String skills) {
    return assertThrows(DataException.class,
        () -> new GenAiBenchBenchmark().load(GenAiBenchTestData.data(tmp, prompts, skills), Map.of()));
  }

  @Test
  void malformedRecordsNameFileLineAndField() {
    DataException e = bad("{\n \"00001\": {\"prompt\": \"a\"},\n \"00002\": {\"prompt\": 7}\n}", null);
    assertEquals(3, e.line());
    assertEquals("prompt", e.field());
    assertTrue(e.getMessage().contains("genai-bench/genai_image_527_with_human_ratings.json"), e.getMessage());
    DataException r = bad("{\"00001\": {\"prompt\": \"a\", \"models\": {\"DALLE_3\": [\"five\"]}}}", null);
    assertEquals("models.DALLE_3", r.field());
    DataException t = bad("{\"00001\": {\"prompt\": \"a\"}}", "{\n \"basic\": [1],\n \"advanced\": [\n  2\n ]\n}");
    assertEquals(4, t.line());
    assertEquals("advanced", t.field());
    assertTrue(t.getMessage().contains("genai_skills_527.json") && t.getMessage().contains("00002"), t.getMessage());
    DataException k = bad("{\"1\": {\"prompt\": \"a\"}}", null);
    assertEquals("prompt_idx", k.field());
  }

  @Test
  void release1600NeedsItsTagFile() throws Exception {
    Path data = GenAiBenchTestData.data(tmp, "{\"00000\": {\"prompt\": \"a\"}}", null);
    java.nio.file.Files.move(data.resolve("genai-bench/genai_image_527_with_human_ratings.json"),
        data.resolve("genai-bench/genai_image.json"));
    DataException e = assertThrows(DataException.class,
        () -> new GenAiBenchBenchmark().load(data, Map.of("release", "1600")));
    assertTrue(e.getMessage().contains("genai_skills.json"), e.getMessage());
    java.nio.file.Files.writeString(data.resolve("genai-bench/genai_skills.json"), "{\"basic\": [0]}");
    PromptSet s = new GenAiBenchBenchmark().load(data, Map.of("release", "1600"));
    assertEquals("1600 (genai_skills.json)", s.version());
    assertEquals(1, s.categories().get("basic"));
  }
}
