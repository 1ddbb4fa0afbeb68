package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
      copyTree(fixture().resolve(run), runs.resolve(run));
    }
    return runs;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  @Test
  void anOldRunDirectoryReportsAsBefore() throws Exception {
    Path runs = copyRuns(tmp);
    Path out = tmp.resolve("report");
    CliTestSupport.Result r = CliTestSupport.run("report", runs.resolve("base").toString(),
        runs.resolve("cand").toString(), "--paper", "irg", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Path expected = fixture().resolve("expected");
    assertEquals(Files.readString(expected.resolve("report.md")), Files.readString(out.resolve("report.md")));
    try (Stream<Path> tables = Files.list(expected.resolve("tables"))) {
      for (Path t : tables.toList()) {
        assertEquals(Files.readString(t), Files.readString(out.resolve("tables").resolve(t.getFileName().toString())),
            t.getFileName().toString());
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
    assertEquals(Files.readString(expected.resolve("compare.txt")), text.out());
    assertEquals(Files.readString(expected.resolve("compare.err")), text.err());
    CliTestSupport.Result md = CliTestSupport.run("compare", runs.resolve("base").toString(),
        runs.resolve("cand").toString(), "--min-prompts", "2", "--format", "markdown");
    assertEquals(1, md.code(), md.err());
    assertEquals(Files.readString(expected.resolve("compare.md")), md.out());
    assertEquals(Files.readString(expected.resolve("compare-md.err")), md.err());
  }
}
