package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.pipeline.reference.SceneObject;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenEvalPromptLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void loadsThe553OfficialPromptsWithTheirTagCounts() throws Exception {
    PromptSet set = GenEvalTestData.original();
    assertEquals("geneval", set.benchmark());
    assertEquals("original", set.version());
    assertEquals(553, set.prompts().size());
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("single_object", 80);
    expected.put("two_object", 99);
    expected.put("counting", 80);
    expected.put("colors", 94);
    expected.put("position", 100);
    expected.put("color_attr", 100);
    assertEquals(expected, set.categories());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(set.categories().keySet()));
    Prompt first = set.prompts().get(0);
    assertEquals("00000", first.id());
    assertEquals("a photo of a bench", first.text());
    assertEquals("single_object", first.category());
    // bench is COCO class 13 (person, bicycle, car, motorcycle, airplane, bus, train, truck, boat,
    // traffic light, fire hydrant, stop sign, parking meter, bench)
    assertEquals(List.of(new SceneObject("bench", 13, 1, null, null, -1)), GenEvalTestData.hints(first).objects());
    assertEquals("00552", set.prompts().get(552).id());
    assertEquals(552, set.prompts().get(552).index());
  }

  @Test
  void metadataIsTheOfficialLineVerbatim() throws Exception {
    PromptSet set = GenEvalTestData.original();
    List<String> lines = Files.readAllLines(GenEvalTestData.root().resolve("geneval/prompts/evaluation_metadata.jsonl"));
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(lines.get(i), PyJson.dumps(set.prompts().get(i).metadata()), "line " + (i + 1));
    }
    // every metadata is unique, so results.jsonl lines map back to exactly one prompt
    Set<JsonNode> distinct = new HashSet<>();
    set.prompts().forEach(p -> distinct.add(p.metadata()));
    assertEquals(553, distinct.size());
  }

  @Test
  void positionHintsPointAtTheTargetObject() throws Exception {
    Prompt p = GenEvalTestData.original().prompts().stream().filter(x -> x.category().equals("position")).findFirst()
        .orElseThrow();
    List<SceneObject> objs = GenEvalTestData.hints(p).objects();
    assertEquals(2, objs.size());
    assertNull(objs.get(0).relation());
    assertEquals(-1, objs.get(0).relativeTo());
    assertEquals(p.metadata().get("include").get(1).get("position").get(0).asText(), objs.get(1).relation());
    assertEquals(0, objs.get(1).relativeTo());
    Prompt counting = GenEvalTestData.original().prompts().get(179);
    assertEquals("counting", counting.category());
    assertEquals(counting.metadata().get("include").get(0).get("count").asInt(), GenEvalTestData.hints(counting).objects().get(0).count());
  }

  @Test
  void recordsEveryFileWithItsHash() throws Exception {
    PromptSet set = GenEvalTestData.original();
    assertEquals(List.of("geneval/prompts/evaluation_metadata.jsonl", "geneval/evaluation/object_names.txt"),
        set.files().stream().map(f -> f.path()).toList());
    Path meta = GenEvalTestData.root().resolve("geneval/prompts/evaluation_metadata.jsonl");
    assertEquals(Hashing.sha256(meta), set.files().get(0).sha256());
    assertEquals(Files.size(meta), set.files().get(0).bytes());
  }

  /** A data dir with the official class list and our own metadata lines. */
  private Path dataWith(String file, String... lines) throws Exception {
    Path g = tmp.resolve("geneval");
    Files.createDirectories(g.resolve("evaluation"));
    Files.createDirectories(g.resolve("prompts"));
    Files.copy(GenEvalTestData.root().resolve("geneval/evaluation/object_names.txt"), g.resolve("evaluation/object_names.txt"));
    Files.writeString(g.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return tmp;
  }

  @Test
  void rewrittenPromptsAreAnotherVersion() throws Exception {
    Path data = dataWith("prompts/evaluation_metadata_long.jsonl",
        "{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\", \"count\": 1}], \"prompt\": \"A realistic wooden bench \\u2019.\"}");
    PromptSet set = new GenEvalBenchmark().load(data, Map.of("prompts", "rewritten"));
    assertEquals("rewritten", set.version());
    assertEquals("A realistic wooden bench \u2019.", set.prompts().get(0).text());
    assertEquals("geneval/prompts/evaluation_metadata_long.jsonl", set.files().get(0).path());
    // without the option the original file is wanted, and it is not there
    DataException e = assertThrows(DataException.class, () -> new GenEvalBenchmark().load(data, Map.of()));
    assertTrue(e.getMessage().contains("evaluation_metadata.jsonl"), e.getMessage());
    assertTrue(e.getMessage().contains("https://github.com/djghosh13/geneval"), e.getMessage());
    // Option keys and values are checked by the harness before load (OptionCheck), a typo naming the valid keys.
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> org.irgeval.run.OptionCheck.benchmark(new GenEvalBenchmark(), Map.of("prompts", "long")));
    assertTrue(bad.getMessage().contains("original|rewritten"), bad.getMessage());
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> org.irgeval.run.OptionCheck.benchmark(new GenEvalBenchmark(), Map.of("promts", "rewritten")));
    assertEquals("--bench-opt geneval.promts: unknown option of benchmark geneval; valid keys: prompts"
        + " (original|rewritten)", typo.getMessage());
  }

  @Test
  void malformedLinesNameFileLineAndField() throws Exception {
    String good = "{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\", \"count\": 1}], \"prompt\": \"p\"}";
    record Case(String line, String field, String problem) {}
    List<Case> cases = List.of(
        new Case("{\"tag\": \"single_object\", \"include\": [{\"class\": \"benchh\", \"count\": 1}], \"prompt\": \"p\"}",
            "include[0].class", "'benchh' is not in evaluation/object_names.txt"),
        new Case("{\"tag\": \"counting\", \"include\": [{\"class\": \"bench\", \"count\": 0}], \"prompt\": \"p\"}",
            "include[0].count", "expected an integer >= 1"),
        new Case("{\"tag\": \"counting\", \"include\": [{\"class\": \"bench\", \"count\": 2}], \"exclude\": [{\"class\": \"bench\"}], \"prompt\": \"p\"}",
            "exclude[0].count", "expected an integer >= 1"),
        new Case("{\"tag\": \"colors\", \"include\": [{\"class\": \"bench\", \"count\": 1, \"color\": \"grey\"}], \"prompt\": \"p\"}",
            "include[0].color", "expected one of"),
        new Case("{\"tag\": \"position\", \"include\": [{\"class\": \"bench\", \"count\": 1, \"position\": [\"left of\", 0]}], \"prompt\": \"p\"}",
            "include[0].position", "must point to an earlier include entry"),
        new Case("{\"tag\": \"position\", \"include\": [{\"class\": \"bench\", \"count\": 1}, {\"class\": \"dog\", \"count\": 1, \"position\": [\"near\", 0]}], \"prompt\": \"p\"}",
            "include[1].position", "unknown relation 'near'"),
        new Case("{\"tag\": \"shapes\", \"include\": [{\"class\": \"bench\", \"count\": 1}], \"prompt\": \"p\"}",
            "tag", "unknown tag 'shapes'"),
        new Case("{\"tag\": \"single_object\", \"include\": [], \"prompt\": \"p\"}", "include", "non-empty array"),
        new Case("{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\", \"count\": 1}]}", "prompt",
            "non-empty string"),
        new Case("{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\", \"count\": 1}], \"prompt\": \"p\"",
            null, "not valid JSON"));
    for (Case c : cases) {
      Path data = dataWith("prompts/evaluation_metadata.jsonl", good, c.line);
      DataException e = assertThrows(DataException.class, () -> new GenEvalBenchmark().load(data, Map.of()), c.line);
      assertEquals("geneval/prompts/evaluation_metadata.jsonl", e.file());
      assertEquals(2, e.line(), c.line);
      assertEquals(c.field, e.field(), c.line);
      assertTrue(e.getMessage().contains(c.problem), e.getMessage());
      assertTrue(e.getMessage().startsWith("geneval/prompts/evaluation_metadata.jsonl:2"), e.getMessage());
      Files.walk(tmp).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(tmp)).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aShortClassListIsRefused() throws Exception {
    Path g = tmp.resolve("geneval");
    Files.createDirectories(g.resolve("evaluation"));
    Files.writeString(g.resolve("evaluation/object_names.txt"), "person\nbicycle\n");
    DataException e = assertThrows(DataException.class, () -> new GenEvalBenchmark().load(tmp, Map.of()));
    assertEquals("geneval/evaluation/object_names.txt", e.file());
    assertTrue(e.getMessage().contains("expected 80 class names, found 2"), e.getMessage());
  }
}
