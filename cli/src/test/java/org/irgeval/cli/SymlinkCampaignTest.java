package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.irgeval.store.RunLock;
import org.irgeval.testkit.SystemTest;
import org.irgeval.testkit.TestFiles;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symlink and shared-storage campaign (docs/reliability.md): someone who can write a run directory replaces, in
 * turn, every kind of file and folder {@code irg-eval run} writes there (the lock, the journals, the manifest, the
 * summary, prompt sets, images, exports, caches) by a symbolic link to a file or folder outside the run. The next
 * {@code run} on that directory must refuse, naming the link, and change nothing outside the run directory.
 * Likewise a {@code report --out} folder and a {@code merge}'s shard whose lock or image is a link.
 */
@SystemTest
class SymlinkCampaignTest {
  @TempDir
  Path tmp;

  private static final String[] RUN = {"run", "--benchmarks", "geneval", "--limit", "2", "--samples", "1"};

  @Test
  void noFileOutsideTheRunChangesAndEveryLinkIsRefusedByName() throws Exception {
    Path base = tmp.resolve("base");
    CliTestSupport.Result clean = run(base);
    assertEquals(ExitCodes.OK, clean.code(), clean.err());
    Map<String, Path> cases = cases(base);
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    int refused = 0;
    List<String> report = new ArrayList<>();
    int k = 0;
    for (var c : cases.entrySet()) {
      String rel = c.getKey();
      Path dir = tmp.resolve("case-" + k++);
      Files.createDirectories(dir);
      Path victim = outside.resolve("victim-" + k);
      Path original = base.resolve(rel);
      boolean folder = Files.isDirectory(original);
      if (folder) {
        TestFiles.copyTree(original, victim);
      } else if (Files.exists(original)) {
        Files.copy(original, victim);
      } else {
        Files.writeString(victim, "pid=1 host=elsewhere\n"); // run.lock is gone after a clean run
      }
      if (!rel.equals("manifest.json")) {
        Files.copy(base.resolve("manifest.json"), dir.resolve("manifest.json"));
      } else {
        Files.createFile(dir.resolve("scores.jsonl"));
      }
      Path link = dir.resolve(rel);
      Files.createDirectories(link.getParent());
      if (rel.startsWith("report/") && !rel.equals("report/.irg-eval-report.json")) {
        // an earlier report of this run, so that the report is written again
        Files.writeString(dir.resolve("report/.irg-eval-report.json"), "{\"runs\": [\""
            + dir.toAbsolutePath().normalize() + "\"]}");
      }
      Files.createSymbolicLink(link, victim);
      Map<String, String> before = snapshot(outside);
      CliTestSupport.Result r = run(dir);
      assertEquals(before, snapshot(outside), rel + ": nothing outside the run directory changes\n" + r.err());
      String said = r.out() + r.err() + manifestText(dir);
      assertNotEquals(ExitCodes.OK, r.code(), rel + ": a run through a link is not a success\n" + said);
      assertTrue((said.contains(link.toString()) || said.contains(rel)) && said.contains("symbolic link"),
          rel + ": refused by name\n" + said);
      refused++;
      report.add(rel + " -> exit " + r.code());
    }
    System.out.println("symlink campaign: " + refused + " of " + cases.size() + " links refused by name, 0 files"
        + " outside changed: " + report);
    assertTrue(cases.size() >= 15, "every kind of file and folder a run writes: " + cases.keySet());
  }

  @Test
  void reportAndMergeRefuseLinksToo() throws Exception {
    Path base = tmp.resolve("base");
    assertEquals(ExitCodes.OK, run(base).code());
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim.md"), "precious\n");
    // report --out: report.md a link to someone's file
    Path rep = Files.createDirectories(tmp.resolve("rep"));
    CliTestSupport.Result first = CliTestSupport.run("report", base.toString(), "--out", rep.toString());
    assertEquals(ExitCodes.OK, first.code(), first.err());
    Files.delete(rep.resolve("report.md"));
    Files.createSymbolicLink(rep.resolve("report.md"), victim);
    CliTestSupport.Result r = CliTestSupport.run("report", base.toString(), "--out", rep.toString());
    assertNotEquals(ExitCodes.OK, r.code());
    assertTrue(r.err().contains(rep.resolve("report.md").toString()) && r.err().contains("symbolic link"), r.err());
    assertEquals("precious\n", Files.readString(victim));
    // merge: a shard whose run.lock is a link to someone's file is refused and the file is not emptied
    Path shard = tmp.resolve("shard");
    CliTestSupport.Result sh = CliTestSupport.run(concat(RUN, "--shard", "0/1", "--out", shard.toString()));
    assertEquals(ExitCodes.OK, sh.code(), sh.err());
    Files.createSymbolicLink(shard.resolve(RunLock.FILE), victim);
    CliTestSupport.Result m = CliTestSupport.run("merge", shard.toString(), "--out", tmp.resolve("m").toString());
    assertNotEquals(ExitCodes.OK, m.code());
    assertTrue(m.err().contains(shard.resolve(RunLock.FILE).toString()), m.err());
    assertEquals("precious\n", Files.readString(victim));
  }

  private static CliTestSupport.Result run(Path out) {
    return CliTestSupport.run(concat(RUN, "--out", out.toString()));
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /**
   * One path per kind: every file and folder of the clean run, a component that holds a digit (a prompt, a sample)
   * standing for its siblings; plus the lock, which a finished run removes.
   */
  private static Map<String, Path> cases(Path base) throws IOException {
    Map<String, Path> byShape = new TreeMap<>();
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.filter(p -> !p.equals(base)).sorted().toList()) {
        String rel = base.relativize(p).toString().replace('\\', '/');
        String shape = rel.replaceAll("[^/]*[0-9][^/]*", "#");
        byShape.putIfAbsent(shape, p);
      }
    }
    Map<String, Path> cases = new LinkedHashMap<>();
    cases.put(RunLock.FILE, base.resolve(RunLock.FILE));
    byShape.values().forEach(p -> cases.put(base.relativize(p).toString().replace('\\', '/'), p));
    return cases;
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString();
        m.put(rel, Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
            : Hashing.sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p));
      }
    }
    return m;
  }

  private static String manifestText(Path dir) throws IOException {
    Path m = dir.resolve("manifest.json");
    return Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS) ? Files.readString(m) : "";
  }
}
