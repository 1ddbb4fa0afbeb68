package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.irgeval.data.DemoSamples;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --judge-url} with the reference pipeline: the judge scores the benchmarks that take one (a smoke test of a
 * real judge), and a benchmark still scored by a plumbing scorer is named on stderr and in the manifest.
 */
class JudgeOnReferencePipelineTest {
  @TempDir
  Path tmp;

  @Test
  void theGivenJudgeIsUsedAndThePlumbingRestIsNamed() throws Exception {
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"));
    Path run = tmp.resolve("run");
    try (LoopbackJudgeServer judge = LoopbackJudgeServer.start(
        req -> LoopbackJudgeServer.Answer.text("Consistency: 2\nRealism: 2\nAesthetic Quality: 1"))) {
      CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "geneval,wise",
          "--data", data.toString(), "--limit", "3", "--judge-url", judge.baseUrl().toString(), "--out",
          run.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(1 + 6, judge.requests(), "the preflight's one probe, then 3 WISE prompts x 2 variants went to the"
          + " given judge");
      JsonNode s = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks");
      assertEquals("wise-judge", s.path("wise").path("scorer").asText(), s.toString());
      assertEquals("geneval-plumbing", s.path("geneval").path("scorer").asText());
      assertTrue(r.err().contains("geneval: scored by geneval-plumbing, a plumbing check; the judge (--judge-url) is"
          + " not used for it"), r.err());
      JsonNode notes = Json.mapper().readTree(run.resolve("manifest.json").toFile()).path("scorer_notes");
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).asText().startsWith("geneval: scored by geneval-plumbing"));
    }
  }
}
