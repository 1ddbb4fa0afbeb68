package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.data.DemoSamples;
import org.irgeval.testkit.OfficialData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official EN files, and malformed records named by file, line and field. */
class OneIgPromptLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void loadsThe1120OfficialEnPromptsWithTheirCategoryCounts() throws Exception {
    Path data = OfficialData.root("oneig");
    OneIgBenchmark b = new OneIgBenchmark();
    PromptSet set = b.load(data, Map.of());
    assertEquals(1120, set.prompts().size());
    assertEquals(Map.of("anime", 245, "human", 244, "object", 206, "text", 200, "reasoning", 225), set.categories());
    Map<String, Object> facts = b.dataFacts(set);
    assertEquals(114, facts.get("styled_prompts"));
    assertEquals(Map.of("anime", 4176, "human", 4059, "object", 2996), facts.get("alignment_questions"));
    @SuppressWarnings("unchecked")
    Map<String, Integer> subjects = (Map<String, Integer>) facts.get("reasoning_subjects");
    assertEquals(58, subjects.get("physics"));
    assertEquals("anime_049", set.prompts().stream().filter(p -> p.metadata().path("style").asText().equals(
        "fauvism")).findFirst().orElseThrow().id());
    assertEquals(7, set.files().size(), "prompts, 3 Q&D, text, reasoning, style: " + set.files());
  }

  @Test
  void theDecodedReferencesAreCheckedBeforeUse() throws Exception {
    Path data = OfficialData.root("oneig");
    // CSD rows are unit-norm [3, 768]; the decoded SE_embed.json says shape [3, 1280] but holds 640 numbers a row
    // (a bfloat16 decoding problem of the helper), which the check refuses instead of using half a vector.
    DataException e = assertThrows(DataException.class, () -> OneIgStyleRefs.load(data.resolve("oneig"),
        new java.util.ArrayList<>()));
    assertEquals("abstract_expressionism.data[0]", e.field());
    assertTrue(e.getMessage().contains("SE_embed.json"), e.getMessage());
  }

  @Test
  void malformedRecordsNameFileLineAndField() throws Exception {
    Path root = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("d"), "oneig");
    Path csv = root.resolve("oneig/OneIG-Bench.csv");
    String ok = Files.readString(csv, StandardCharsets.UTF_8);
    Files.writeString(csv, ok.replace("General_Object,001,", "General_Object,01,"));
    DataException e = assertThrows(DataException.class, () -> new OneIgBenchmark().load(root, Map.of()));
    assertEquals(6, e.line());
    assertEquals("id", e.field());
    assertTrue(e.getMessage().contains("OneIG-Bench.csv"), e.getMessage());
    Files.writeString(csv, ok.replace("NP,short,physics", "NP,tiny,physics"));
    e = assertThrows(DataException.class, () -> new OneIgBenchmark().load(root, Map.of()));
    assertEquals(List.of(8L, "prompt_length"), List.of(e.line(), e.field()));
    Files.writeString(csv, ok);
    Path qd = root.resolve("oneig/alignment_Q_D/object.json");
    Files.writeString(qd, Files.readString(qd).replace("\\\"3\\\": \\\"Is the apple", "\\\"4\\\": \\\"Is the apple"));
    e = assertThrows(DataException.class, () -> new OneIgBenchmark().load(root, Map.of()));
    assertEquals("question", e.field());
    assertEquals(6, e.line(), e.getMessage());
  }
}
