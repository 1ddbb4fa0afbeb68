package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.irgeval.data.DemoSamples;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's guards: values checked before work, runs and imports kept apart, an expired key, exit codes. */
class ReliabilityCliTest {
  @TempDir
  Path tmp;

  @Test
  void badValuesAreRefusedBeforeAnyWork() throws Exception {
    String out = tmp.resolve("r").toString();
    for (String[] bad : new String[][] {{"--limit", "0"}, {"--limit", "-1"}, {"--samples", "0"}, {"--samples", "-3"},
        {"--reflection", "maybe"}, {"--turns", "99"}, {"--concurrency", "0"}}) {
      CliTestSupport.Result r = CliTestSupport.run("run", bad[0], bad[1], "--out", out);
      assertEquals(ExitCodes.ERROR, r.code(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().contains(bad[0]), r.err());
    }
    assertFalse(Files.exists(tmp.resolve("r")), "nothing was written");
    CliTestSupport.Result scorerOpt = CliTestSupport.run("run", "--scorer-opt", "threshold=abc", "--out", out);
    assertEquals(ExitCodes.ERROR, scorerOpt.code());
    assertTrue(scorerOpt.err().contains("threshold=abc") && scorerOpt.err().contains("not a number"), scorerOpt.err());
    assertFalse(Files.exists(tmp.resolve("r")), "found before generating anything: no run folder left behind");
  }

  @Test
  void outRefusesAFolderThatIsNotARunAndImportNeverTouchesARun() throws Exception {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(photos.resolve("me.jpg"), "x");
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "geneval", "--out", photos.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("holds no irg-eval run"), r.err());

    Path run = tmp.resolve("runs/demo");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out", run.toString()).code());
    String manifest = Files.readString(run.resolve("manifest.json"));
    Path results = run.resolve("exports/geneval/reflection/results.jsonl");
    CliTestSupport.Result imp = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        results.toString(), "--prompts-from-results", "--out", run.toString());
    assertEquals(ExitCodes.ERROR, imp.code());
    assertTrue(imp.err().contains("already holds a run"), imp.err());
    assertEquals(manifest, Files.readString(run.resolve("manifest.json")), "the run is untouched");
    Path imported = tmp.resolve("imported");
    String[] again = {"import", "--benchmark", "geneval", "--official-results", results.toString(),
        "--prompts-from-results", "--out", imported.toString()};
    assertEquals(0, CliTestSupport.run(again).code());
    assertEquals(0, CliTestSupport.run(again).code(), "the same import again is fine");
    Path other = Files.writeString(tmp.resolve("other.jsonl"), Files.readAllLines(results).get(0) + "\n");
    CliTestSupport.Result different = CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        other.toString(), "--prompts-from-results", "--out", imported.toString());
    assertEquals(ExitCodes.ERROR, different.code());
    assertTrue(different.err().contains("an import of other results"), different.err());
  }

  @Test
  void anExpiredKeyStopsTheRunStoresNothingAndARerunWithAGoodKeyScoresEverything() throws Exception {
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"));
    Path run = tmp.resolve("run");
    AtomicBoolean expired = new AtomicBoolean(true);
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(
        req -> LoopbackJudgeServer.Answer.text("Consistency: 2\nRealism: 1\nAesthetic Quality: 1"),
        // the key expires after the preflight's probe (request 1): the run starts and meets the refusal mid-way
        (n, req) -> expired.get() && n > 1 ? FaultyJudgeServer.Fault.unauthorized()
            : FaultyJudgeServer.Fault.none())) {
      String[] cmd = {"run", "--pipeline", "reference", "--benchmarks", "wise", "--data", data.toString(),
          "--judge-url", judge.baseUrl().toString(), "--scorer-opt", "concurrency=1", "--out", run.toString()};
      CliTestSupport.Result first = CliTestSupport.run(cmd);
      assertEquals(ExitCodes.STOPPED, first.code(), first.err());
      assertTrue(first.err().contains("run stopped") && first.err().contains("HTTP 401"), first.err());
      assertEquals(0, CliTestSupport.lines(run.resolve("scores.jsonl")).size(), "no failure stored per image");
      long sent = judge.requests();
      assertEquals(1 + 1, sent, "the probe, then the run stops at the first refusal, not after every image");
      expired.set(false);
      CliTestSupport.Result second = CliTestSupport.run(cmd);
      assertEquals(ExitCodes.OK, second.code(), second.err());
      JsonNode v = Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks").path("wise")
          .path("variants").path("reflection");
      assertEquals(7, v.path("n_images").asInt());
      assertEquals(0, v.path("failures").asInt());
    }
  }

  @Test
  void reportOutRefusesAUsersFolderAndAnotherRunsReport() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "1", "--samples", "1", "--out",
        a.toString()).code());
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "1", "--samples", "1", "--out",
        b.toString()).code());
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("report.md"), "my notes\n");
    CliTestSupport.Result user = CliTestSupport.run("report", a.toString(), "--out", mine.toString());
    assertEquals(ExitCodes.ERROR, user.code());
    assertTrue(user.err().contains(mine + " is not empty and holds no irg-eval report"), user.err());
    assertEquals("my notes\n", Files.readString(mine.resolve("report.md")));
    // the report of run a is refused as the folder of run b's report; a's again is fine
    CliTestSupport.Result other = CliTestSupport.run("report", b.toString(), "--out", a.resolve("report").toString());
    assertEquals(ExitCodes.ERROR, other.code());
    assertTrue(other.err().contains("holds the report of other runs"), other.err());
    assertEquals(0, CliTestSupport.run("report", a.toString(), "--out", a.resolve("report").toString()).code());
    CliTestSupport.Result file = CliTestSupport.run("report", a.toString(), "--out", mine.resolve("report.md").toString());
    assertEquals(ExitCodes.ERROR, file.code());
    assertTrue(file.err().contains("is a file, not a folder"), file.err());
  }

  @Test
  void outFoldersAreNamedNeverAStackTrace() throws Exception {
    CliTestSupport.Result root = CliTestSupport.run("run", "--benchmarks", "geneval", "--out", "/");
    assertEquals(ExitCodes.ERROR, root.code());
    assertTrue(root.err().contains("--out / is the file system root"), root.err());
    Path f = Files.writeString(tmp.resolve("f.txt"), "x");
    CliTestSupport.Result file = CliTestSupport.run("run", "--benchmarks", "geneval", "--out", f.toString());
    assertEquals(ExitCodes.ERROR, file.code());
    assertTrue(file.err().contains(f + " is a file, not a folder"), file.err());
    // journals without a manifest are not a run this tool wrote
    Path scoresOnly = Files.createDirectories(tmp.resolve("scores-only"));
    Files.writeString(scoresOnly.resolve("scores.jsonl"), "{}\n");
    CliTestSupport.Result adopted = CliTestSupport.run("run", "--benchmarks", "geneval", "--out", scoresOnly.toString());
    assertEquals(ExitCodes.ERROR, adopted.code());
    assertTrue(adopted.err().contains("but no manifest.json"), adopted.err());
  }

  @Test
  void runNeverWritesIntoAnImport() throws Exception {
    Path run = tmp.resolve("run");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out", run.toString()).code());
    Path imported = tmp.resolve("imported");
    assertEquals(0, CliTestSupport.run("import", "--benchmark", "geneval", "--official-results",
        run.resolve("exports/geneval/reflection/results.jsonl").toString(), "--prompts-from-results", "--out",
        imported.toString()).code());
    String summary = Files.readString(imported.resolve("summary.json"));
    CliTestSupport.Result r = CliTestSupport.run("run", "--benchmarks", "geneval", "--limit", "2", "--out",
        imported.toString());
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("holds an import of official results"), r.err());
    assertEquals(summary, Files.readString(imported.resolve("summary.json")), "the import is untouched");
  }
}
