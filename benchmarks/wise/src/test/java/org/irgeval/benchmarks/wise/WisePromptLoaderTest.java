package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.run.OptionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WisePromptLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void legacyHas1000PromptsIn400_167_133_100_100_100() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    assertEquals("legacy", s.version());
    assertEquals(1000, s.prompts().size());
    Map<String, Integer> want = new LinkedHashMap<>();
    want.put("cultural", 400);
    want.put("time", 167);
    want.put("space", 133);
    want.put("biology", 100);
    want.put("physics", 100);
    want.put("chemistry", 100);
    assertEquals(want, s.categories());
    assertEquals(List.copyOf(want.keySet()), List.copyOf(s.categories().keySet()), "official order");
    Prompt first = s.prompts().get(0);
    assertEquals("1", first.id());
    assertEquals("Traditional food of the Mid-Autumn Festival", first.text());
    assertEquals("cultural", first.category());
    assertTrue(first.metadata().get("Explanation").asText().startsWith("This refers to mooncakes"));
    // Boundaries of the id ranges (Calculate.py l.59-70), by id and not by the JSON field.
    assertEquals("time", byId(s, "567").category());
    assertEquals("space", byId(s, "568").category());
    assertEquals("chemistry", byId(s, "1000").category());
    assertEquals(3, s.files().size());
    s.files().forEach(f -> assertEquals(64, f.sha256().length()));
    assertEquals("wise/WISE_legacy/data/cultural_common_sense.json", s.files().get(0).path());
    for (int i = 0; i < s.prompts().size(); i++) {
      assertEquals(i, s.prompts().get(i).index());
    }
  }

  @Test
  void verifiedHasItsOwnRanges() throws Exception {
    PromptSet s = WiseTestData.load("verified");
    assertEquals("verified", s.version());
    assertEquals(Map.of("cultural", 400, "time", 120, "space", 120, "biology", 120, "physics", 120,
        "chemistry", 120), Map.copyOf(s.categories()));
    assertEquals("space", byId(s, "521").category());
    assertEquals("biology", byId(s, "641").category());
  }

  @Test
  void rewriteGeneratesFromTheRewriteFileButKeepsTheOriginalRecordForTheJudge() throws Exception {
    PromptSet s = new WiseBenchmark().load(WiseTestData.dataDir(), Map.of("prompts", "rewrite"));
    assertEquals("legacy-rewrite", s.version());
    assertEquals(6, s.files().size());
    Prompt p = s.prompts().get(0);
    assertEquals("Traditional food of the Mid-Autumn Festival", p.metadata().get("Prompt").asText());
    assertTrue(!p.text().equals(p.metadata().get("Prompt").asText()), "rewritten text: " + p.text());
    // Id 748's rewrite record says "Ecology"; only its Prompt is used, so it still loads as biology.
    assertEquals("biology", byId(s, "748").category());
  }

  @Test
  void optionsAreValidated() {
    WiseBenchmark b = new WiseBenchmark();
    Path d = WiseTestData.dataDir();
    // Keys and values are checked by the harness before load (OptionCheck).
    assertTrue(assertThrows(IllegalArgumentException.class, () -> OptionCheck.benchmark(b, Map.of("version", "v2")))
        .getMessage().contains("'v2' is not one of legacy|verified"));
    assertTrue(assertThrows(DataException.class, () -> b.load(d, Map.of("version", "verified", "prompts",
        "rewrite"))).getMessage().contains("only for WISE legacy"));
    assertEquals("--bench-opt wise.sampels: unknown option of benchmark wise; valid keys: version (legacy|verified),"
        + " prompts (original|rewrite)", assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.benchmark(b, Map.of("sampels", "2"))).getMessage());
  }

  @Test
  void aMissingFieldNamesFileLineAndField() throws Exception {
    Path data = copyLegacy();
    Path f = data.resolve("wise/WISE_legacy/data/natural_science.json");
    String text = Files.readString(f, StandardCharsets.UTF_8);
    // Drop the Explanation of the second record; find the line its object starts on.
    int second = text.indexOf('{', text.indexOf('}'));
    int line = (int) text.substring(0, second).chars().filter(c -> c == '\n').count() + 1;
    int exp = text.indexOf("\"Explanation\"", second);
    String broken = text.substring(0, exp) + "\"Explanatoin\"" + text.substring(exp + "\"Explanation\"".length());
    Files.writeString(f, broken, StandardCharsets.UTF_8);
    DataException e = assertThrows(DataException.class, () -> new WiseBenchmark().load(data, Map.of()));
    assertEquals("wise/WISE_legacy/data/natural_science.json", e.file());
    assertEquals(line, e.line());
    assertEquals("Explanation", e.field());
    assertTrue(e.getMessage().contains("github.com/PKU-YuanGroup/WISE"), e.getMessage());
  }

  @Test
  void verifiedFilesInTheLegacyFolderAreCaughtByTheRangeCheck() throws Exception {
    Path data = copyLegacy();
    Files.copy(WiseTestData.dataDir().resolve("wise/data_verified/spatio-temporal_reasoning_verified.json"),
        data.resolve("wise/WISE_legacy/data/spatio-temporal_reasoning.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    DataException e = assertThrows(DataException.class, () -> new WiseBenchmark().load(data, Map.of()));
    assertEquals("Category", e.field());
    assertTrue(e.getMessage().contains("other WISE version"), e.getMessage());
  }

  @Test
  void aSampleFileWithAFewIdsLoadsAndKeepsTheOfficialCategoryOrder() throws Exception {
    Path dir = tmp.resolve("small/wise/WISE_legacy/data");
    Files.createDirectories(dir);
    String rec = "{\"Prompt\": \"p%d\", \"Explanation\": \"e\", \"Category\": \"%s\", \"Subcategory\": \"s\","
        + " \"prompt_id\": %d}";
    Files.writeString(dir.resolve("cultural_common_sense.json"),
        "[" + String.format(rec, 3, "Cultural knowledge", 3) + "]");
    Files.writeString(dir.resolve("spatio-temporal_reasoning.json"), "[" + String.format(rec, 600, "Space", 600) + "]");
    Files.writeString(dir.resolve("natural_science.json"), "[]");
    PromptSet s = new WiseBenchmark().load(tmp.resolve("small"), Map.of());
    assertEquals(List.of("3", "600"), s.prompts().stream().map(Prompt::id).toList());
    assertEquals(List.of(1, 0, 1, 0, 0, 0), List.copyOf(s.categories().values()));
  }

  @Test
  void aMissingFileSaysWhereToGetIt() throws Exception {
    DataException e = assertThrows(DataException.class, () -> new WiseBenchmark().load(tmp, Map.of()));
    assertEquals("wise/WISE_legacy/data/cultural_common_sense.json", e.file());
    assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("PKU-YuanGroup/WISE"));
  }

  private Path copyLegacy() throws Exception {
    Path dir = tmp.resolve("data/wise/WISE_legacy/data");
    Files.createDirectories(dir);
    for (String f : WiseVersion.LEGACY.dataFiles()) {
      Files.copy(WiseTestData.dataDir().resolve("wise").resolve(f), tmp.resolve("data/wise").resolve(f));
    }
    return tmp.resolve("data");
  }

  static Prompt byId(PromptSet s, String id) {
    return s.prompts().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
