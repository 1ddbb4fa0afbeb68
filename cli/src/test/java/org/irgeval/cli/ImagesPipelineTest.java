package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images generated elsewhere in the official layout are scored like our own: the demo's exports (official
 * GenEval layout, both variants) fed back through --pipeline images give the demo's numbers again.
 */
class ImagesPipelineTest {
  @TempDir
  Path tmp;

  @Test
  void exportedOfficialLayoutScoresTheSameAsTheRunThatMadeIt() throws Exception {
    Path demo = tmp.resolve("runs/demo");
    assertEquals(0, CliTestSupport.run("run", "--out", demo.toString(), "--benchmarks", "geneval").code());
    Path data = tmp.resolve("runs/demo-data");
    Path again = tmp.resolve("again");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "images", "--benchmarks", "geneval",
        "--images", demo.resolve("exports/geneval/no-reflection").toString(),
        "--pipeline-opt", "turn2=" + demo.resolve("exports/geneval/reflection"),
        "--scorer", "geneval=geneval-plumbing", "--data", data.toString(), "--out", again.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode a = Json.mapper().readTree(demo.resolve("summary.json").toFile()).path("benchmarks").path("geneval").path("variants");
    JsonNode b = Json.mapper().readTree(again.resolve("summary.json").toFile()).path("benchmarks").path("geneval").path("variants");
    for (String v : new String[] {"no-reflection", "reflection"}) {
      assertEquals(a.path(v).path("overall").asDouble(), b.path(v).path("overall").asDouble(), 1e-12, v);
      assertEquals(a.path(v).path("categories"), b.path(v).path("categories"), v);
    }
    assertTrue(Files.readString(again.resolve("manifest.json")).contains("\"pipeline\" : \"images\""));
  }
}
