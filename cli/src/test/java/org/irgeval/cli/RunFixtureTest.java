package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.irgeval.store.RunStore;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.Summary;
import org.irgeval.testkit.TestFiles;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two run directories written by the code before the run records were typed (commit cf6457d: {@code irg-eval run}
 * demo, {@code --limit 3 --samples 1}, base seed 42, candidate seed 7 with {@code mistake-rate=0.6}; caches,
 * exports and reports left out) and the report and comparison that code made of them. Every later version must
 * read, report and compare them unchanged: old run directories stay readable.
 */
class RunFixtureTest {
  static final String FIXTURE = "/fixtures/run-2026-12-07";

  @TempDir
  Path tmp;

  static Path fixture() throws URISyntaxException {
    return Path.of(RunFixtureTest.class.getResource(FIXTURE).toURI());
  }

  /** The fixture's runs copied to {@code tmp/runs/} (a report or comparison must not write into the fixture). */
  static Path copyRuns(Path tmp) throws Exception {
    Path runs = tmp.resolve("runs");
    for (String run : List.of("base", "cand")) {
      TestFiles.copyTree(fixture().resolve(run), runs.resolve(run));
    }
    return runs;
  }

  /** The typed records read every key of the old files and write them back byte for byte. */
  @Test
  void theRecordsReadAndWriteTheOldFilesUnchanged() throws Exception {
    ObjectMapper mapper = Json.mapper();
    for (String run : List.of("base", "cand")) {
      Path dir = fixture().resolve(run);
      byte[] manifest = Files.readAllBytes(dir.resolve(RunStore.MANIFEST));
      assertEquals(new String(manifest, StandardCharsets.UTF_8),
          new String(RecordJson.bytes(Manifest.of(mapper.readTree(manifest))), StandardCharsets.UTF_8), run);
      byte[] summary = Files.readAllBytes(dir.resolve(RunStore.SUMMARY));
      assertEquals(new String(summary, StandardCharsets.UTF_8),
          new String(RecordJson.bytes(Summary.of(mapper.readTree(summary))), StandardCharsets.UTF_8), run);
    }
  }

  /**
   * The same demo run made by today's code writes files of the same shape: every key in the same place and order
   * (values differ only where time, paths and the code's version enter).
   */
  @Test
  void aFreshRunWritesTheSameKeysInTheSameOrder() throws Exception {
    Path run = tmp.resolve("runs/base");
    CliTestSupport.Result r = CliTestSupport.run("run", "--out", run.toString(), "--limit", "3", "--samples", "1",
        "--label", "step=1200");
    assertEquals(0, r.code(), r.err());
    ObjectMapper mapper = Json.mapper();
    for (String file : List.of(RunStore.MANIFEST, RunStore.SUMMARY)) {
      assertEquals(shape(mapper.readTree(fixture().resolve("base").resolve(file).toFile()), ""),
          shape(mapper.readTree(run.resolve(file).toFile()), ""), file);
    }
  }

  /** Every key path of a JSON value, in document order (arrays by their first element). */
  private static String shape(com.fasterxml.jackson.databind.JsonNode n, String path) {
    StringBuilder sb = new StringBuilder();
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(k -> sb.append(path).append('.').append(k).append('\n')
          .append(shape(n.get(k), path + "." + k)));
    } else if (n.isArray() && !n.isEmpty()) {
      sb.append(shape(n.get(0), path + "[]"));
    }
    return sb.toString();
  }

  @Test
  void anOldRunDirectoryReportsAsBefore() throws Exception {
    Path runs = copyRuns(tmp);
    Path out = tmp.resolve("report");
    CliTestSupport.Result r = CliTestSupport.run("report", runs.resolve("base").toString(),
        runs.resolve("cand").toString(), "--paper", "irg", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Path expected = fixture().resolve("expected");
    same(expected.resolve("report.md"), Files.readString(out.resolve("report.md")));
    try (Stream<Path> tables = Files.list(expected.resolve("tables"))) {
      for (Path t : tables.toList()) {
        same(t, Files.readString(out.resolve("tables").resolve(t.getFileName().toString())));
      }
    }
  }

  @Test
  void anOldRunDirectoryComparesAsBefore() throws Exception {
    Path runs = copyRuns(tmp);
    Path expected = fixture().resolve("expected");
    CliTestSupport.Result text = CliTestSupport.run("compare", runs.resolve("base").toString(),
        runs.resolve("cand").toString(), "--min-prompts", "2");
    assertEquals(1, text.code(), text.err());
    same(expected.resolve("compare.txt"), text.out());
    same(expected.resolve("compare.err"), text.err());
    CliTestSupport.Result md = CliTestSupport.run("compare", runs.resolve("base").toString(),
        runs.resolve("cand").toString(), "--min-prompts", "2", "--format", "markdown");
    assertEquals(1, md.code(), md.err());
    same(expected.resolve("compare.md"), md.out());
    same(expected.resolve("compare-md.err"), md.err());
  }

  /** Equal to the expected file; else the text is kept in target/fixture-actual/ for a diff, and the test fails. */
  private static void same(Path expected, String actual) throws IOException {
    if (!Files.readString(expected).equals(actual)) {
      Path keep = Path.of("target", "fixture-actual", expected.getFileName().toString());
      Files.createDirectories(keep.getParent());
      Files.writeString(keep, actual);
      assertEquals(Files.readString(expected), actual, "differs from " + expected + "; see " + keep.toAbsolutePath());
    }
  }
}
