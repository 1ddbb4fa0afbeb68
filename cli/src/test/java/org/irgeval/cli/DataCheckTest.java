package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCheckTest {
  @TempDir
  Path tmp;

  @Test
  void countsTheOfficialGenEvalPrompts() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("data", "check", "--data", CliTestSupport.shared("geneval", "wise").toString(), "--json");
    assertEquals(0, r.code(), r.err() + r.out());
    JsonNode g = Json.mapper().readTree(r.out()).path("benchmarks").path("geneval");
    assertEquals(553, g.path("prompts").asInt());
    JsonNode c = g.path("categories");
    assertEquals(80, c.path("single_object").asInt());
    assertEquals(99, c.path("two_object").asInt());
    assertEquals(80, c.path("counting").asInt());
    assertEquals(94, c.path("colors").asInt());
    assertEquals(100, c.path("position").asInt());
    assertEquals(100, c.path("color_attr").asInt());
  }

  @Test
  void aMalformedLineExitsTwoNamingFileLineAndField() throws Exception {
    Path data = tmp.resolve("data");
    Path prompts = data.resolve("geneval/prompts");
    Files.createDirectories(prompts);
    Files.createDirectories(data.resolve("geneval/evaluation"));
    Files.copy(CliTestSupport.shared("geneval", "wise").resolve("geneval/evaluation/object_names.txt"),
        data.resolve("geneval/evaluation/object_names.txt"));
    Files.writeString(prompts.resolve("evaluation_metadata.jsonl"),
        "{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\", \"count\": 1}], \"prompt\": \"a photo of a bench\"}\n"
            + "{\"tag\": \"single_object\", \"include\": [{\"class\": \"bench\"}], \"prompt\": \"a photo of a bench\"}\n");
    CliTestSupport.Result r = CliTestSupport.run("data", "check", "--data", data.toString(), "--benchmarks", "geneval");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("evaluation_metadata.jsonl:2") && r.err().contains("count"), r.err());
  }
}
