package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.run.Progress;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the embedded demo, end to end, then again with nothing left to do. */
class DemoRunTest {
  @TempDir
  Path tmp;

  @Test
  void demoScoresBothVariantsAndASecondRunDoesNothing() throws Exception {
    Path run = tmp.resolve("runs/demo");
    CliTestSupport.Result r = CliTestSupport.run("run", "--out", run.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("PLUMBING CHECK"), r.out());
    JsonNode s = Json.mapper().readTree(run.resolve("summary.json").toFile());
    assertTrue(s.path("plumbing").asBoolean());
    JsonNode geneval = s.path("benchmarks").path("geneval");
    assertEquals("scored", geneval.path("status").asText(), geneval.toString());
    for (String v : new String[] {"no-reflection", "reflection"}) {
      JsonNode o = geneval.path("variants").path(v);
      assertTrue(o.path("overall").isNumber(), v + ": " + o);
      assertEquals(12, o.path("n_prompts").asInt());
      assertEquals(48, o.path("n_images").asInt());
      assertEquals(6, o.path("categories").size());
    }
    for (String id : new String[] {"tiif", "genai-bench", "oneig"}) {
      assertTrue(s.path("benchmarks").has(id), "every demo benchmark is listed: " + id);
    }
    JsonNode effect = geneval.path("effects").path("reflection");
    assertEquals(geneval.path("variants").path("reflection").path("overall").asDouble()
        - geneval.path("variants").path("no-reflection").path("overall").asDouble(), effect.path("delta").asDouble(), 1e-12);
    assertTrue(effect.path("ci95").get(0).asDouble() <= effect.path("delta").asDouble());
    // One report: the full one in report/, no second report.md beside it.
    assertFalse(Files.exists(run.resolve("report.md")));
    String report = Files.readString(run.resolve("report/report.md"));
    assertTrue(report.contains("### Reflection: later turns vs no-reflection"), report);
    assertTrue(report.contains("PLUMBING CHECK") && report.contains("| no-reflection |"), report);
    String html = Files.readString(run.resolve("report/report.html"));
    assertTrue(report.contains("### Cost of reflection"), report);
    // The HTML shows every row and note of the Markdown: the verdict rows, the cost, the caveats.
    assertTrue(report.contains("| Δ ") && report.contains("overall withheld"), report);
    ReportParity.assertHtmlHasEverything(report, html);
    // The image browser shows, per image, what each benchmark's scorer saw and said (Benchmark.explain).
    Map<String, String> said = Map.of("geneval", "<dt>verdict</dt><dd>",
        "tiif", "<dd>judge: ", "wise", "<dt>consistency</dt>", "genai-bench", "<dt>P(yes)</dt>",
        "oneig", "<dl class=\"explain\"");
    said.forEach((id, marker) -> {
      int from = html.indexOf("<section class=\"bench\" id=\"b-" + id + "\">");
      int to = html.indexOf("</section>", from);
      assertTrue(from >= 0 && html.substring(from, to).contains(marker), id + " explains its images: " + marker);
    });
    assertTrue(Files.isDirectory(run.resolve("exports/geneval/reflection/00000/samples")));
    assertEquals(48, Files.readAllLines(run.resolve("exports/geneval/reflection/results.jsonl")).size(),
        "our scores in the official results.jsonl schema, next to the exported images");
    assertEveryOneIgSampleIsInItsGrid(run);

    int traj = CliTestSupport.lines(run.resolve("trajectories.jsonl")).size();
    int scores = CliTestSupport.lines(run.resolve("scores.jsonl")).size();
    CliTestSupport.Result again = CliTestSupport.run("run", "--out", run.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 generated, 0 scored this session"), again.out());
    assertEquals(traj, CliTestSupport.lines(run.resolve("trajectories.jsonl")).size());
    assertEquals(scores, CliTestSupport.lines(run.resolve("scores.jsonl")).size());
  }

  /** Every OneIG sample reaches its prompt's 2x2 grid (once, only the first sample of each prompt did). */
  private static void assertEveryOneIgSampleIsInItsGrid(Path run) throws Exception {
    long oneig = CliTestSupport.lines(run.resolve("trajectories.jsonl")).stream()
        .filter(l -> l.contains("\"benchmark\":\"oneig\"")).count();
    assertTrue(oneig >= 4, "the demo has OneIG trajectories: " + oneig);
    for (String v : new String[] {"no-reflection", "reflection"}) {
      int nonBlackTiles = 0;
      List<Path> grids;
      try (var s = Files.walk(run.resolve("exports/oneig").resolve(v))) {
        grids = s.filter(p -> p.toString().endsWith(".png") && !p.toString().contains(".irg-eval-tiles")).toList();
      }
      for (Path g : grids) {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(g.toFile());
        int w = img.getWidth() / 2;
        int h = img.getHeight() / 2;
        for (int k = 0; k < 4; k++) {
          boolean black = true;
          for (int y = (k / 2) * h; y < (k / 2 + 1) * h && black; y++) {
            for (int x = (k % 2) * w; x < (k % 2 + 1) * w && black; x++) {
              black = (img.getRGB(x, y) & 0xFFFFFF) == 0;
            }
          }
          nonBlackTiles += black ? 0 : 1;
        }
      }
      assertEquals(oneig, nonBlackTiles, v + ": one drawn tile per OneIG trajectory in " + grids);
    }
  }

  @Test
  void aMistypedOptionIsAnErrorNamingTheValidKeys() throws Exception {
    Path run = tmp.resolve("runs/typo");
    CliTestSupport.Result r = CliTestSupport.run("run", "--bench-opt", "geneval.promts=rewritten", "--out", run.toString());
    assertEquals(ExitCodes.ERROR, r.code(), r.err());
    assertTrue(r.err().contains("geneval.promts") && r.err().contains("valid keys: prompts (original|rewritten)"),
        r.err());
    assertTrue(!Files.exists(run.resolve("trajectories.jsonl")), "nothing ran");
    CliTestSupport.Result s = CliTestSupport.run("run", "--scorer-opt", "treshold=0.5", "--out", run.toString());
    assertTrue(s.code() != 0 && s.err().contains("treshold") && s.err().contains("threshold"), s.err());
  }

  @Test
  void progressPrintsItsLastLineOnceOnALog() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out",
        tmp.resolve("runs/p").toString());
    assertEquals(0, r.code(), r.err());
    // Progress goes to the JVM's stderr (not the captured writer): checked through the class directly below.
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(buf, true));
    try (Progress p = new Progress("t", 2, 0)) {
      p.generated();
      p.generated();
    } finally {
      System.setErr(old);
    }
    long finals = buf.toString().lines().filter(l -> l.contains("gen 2/2")).count();
    assertEquals(1, finals, buf.toString());
  }
}
