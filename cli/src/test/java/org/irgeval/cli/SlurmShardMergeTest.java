package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.SystemTest;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real one-node Slurm cluster (Debian's munge, slurmctld, slurmd, slurm-client, brought up by
 * scripts/slurm/ci-slurm.sh as root without systemd): a job array of 3 shards against a loopback IRG simulator,
 * then the dependent (afterok) merge-and-score job; the merged run must equal an unsharded run of the same
 * command (summary numbers, and every image byte for byte). Needs root and the packages (.ci/run installs them):
 * elsewhere it is skipped with a line on stderr, or fails with IRG_EVAL_REQUIRE_DATA=1 (as OfficialData does).
 */
@SystemTest
class SlurmShardMergeTest {
  @TempDir
  Path tmp;

  private static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  private static final Path SCRIPTS = REPO.resolve("scripts/slurm");

  private static void requireSlurm() {
    List<String> missing = new ArrayList<>();
    for (String c : List.of("/usr/bin/sbatch", "/usr/bin/squeue", "/usr/sbin/slurmctld", "/usr/sbin/slurmd",
        "/usr/sbin/munged")) {
      if (!Files.isExecutable(Path.of(c))) {
        missing.add(c);
      }
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (missing.isEmpty() && root && Files.isRegularFile(SCRIPTS.resolve("ci-slurm.sh"))) {
      return;
    }
    String msg = "Slurm test needs root and Debian's munge slurmctld slurmd slurm-client (missing: " + missing
        + (root ? "" : ", not root") + "); .ci/run installs them";
    if ("1".equals(System.getenv("IRG_EVAL_REQUIRE_DATA"))) {
      fail(msg + " (IRG_EVAL_REQUIRE_DATA=1: a skipped test is a failure)");
    }
    System.err.println("[irg-eval tests] SKIPPING SlurmShardMergeTest.arrayOfShardsThenMergeEqualsUnshardedRun: " + msg);
    Assumptions.abort(msg);
  }

  private static String sh(Map<String, String> env, Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + String.join(" ", cmd));
    }
    String s = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + s);
    }
    return s;
  }

  private static JsonNode results(Path run) throws IOException {
    ObjectNode bs = (ObjectNode) Json.mapper().readTree(run.resolve("summary.json").toFile()).path("benchmarks")
        .deepCopy();
    bs.fields().forEachRemaining(e -> ((ObjectNode) e.getValue()).remove("generation")); // wall-clock timings
    return bs;
  }

  private static Map<String, String> images(Path run) throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (String line : Files.readAllLines(run.resolve("trajectories.jsonl"))) {
      JsonNode t = Json.mapper().readTree(line);
      for (JsonNode turn : t.path("turns")) {
        m.put(turn.path("image").asText(), turn.path("sha256").asText());
      }
    }
    return m;
  }

  @Test
  void arrayOfShardsThenMergeEqualsUnshardedRun() throws Exception {
    requireSlurm();
    Path data = CliTestSupport.shared("irg", "wise");
    long t0 = System.nanoTime();
    Map<String, String> env = new HashMap<>();
    env.put("SLURM_CI_DIR", tmp.resolve("slurm").toString());
    env.put("SLURM_CI_CPUS", "4");
    boolean ours = false;
    // WISE scored by a loopback judge in the official reply format: every run (whole, shards, merge) scores, so the
    // merged results are compared with real numbers, and the preflight finds the scorer it checks
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults().withSerial(true)
        .withSystemPrompts(IrgSimulator.systemPromptHashes(data)));
         LoopbackJudgeServer judge = LoopbackJudgeServer.start(
             req -> LoopbackJudgeServer.Answer.text("Consistency: 2\nRealism: 1\nAesthetic Quality: 1"))) {
      String args = "--pipeline irg --preset irg-paper --benchmarks wise --limit 6 --data " + data
          + " --judge-url " + judge.baseUrl();
      // the unsharded run, in this JVM
      List<String> whole = new ArrayList<>(List.of(args.split(" ")));
      whole.add(0, "run");
      whole.addAll(List.of("--endpoint", sim.uri().toString(), "--out", tmp.resolve("whole").toString()));
      CliTestSupport.Result w = CliTestSupport.run(whole.toArray(String[]::new));
      assertEquals(0, w.code(), w.err());

      // the launcher the array tasks call: this test's classpath, no build
      Path launcher = tmp.resolve("irg-eval");
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Files.writeString(launcher, "#!/usr/bin/env bash\nexec java -Djava.awt.headless=true -cp '" + cp
          + "' org.irgeval.cli.Main \"$@\"\n");
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

      boolean running = new ProcessBuilder("sinfo", "-h").start().waitFor() == 0;
      if (!running) {
        sh(env, tmp, SCRIPTS.resolve("ci-slurm.sh").toString(), "up");
        ours = true;
      }
      Path out = tmp.resolve("runs");
      env.put("IRG_EVAL", launcher.toString());
      env.put("IRG_EVAL_OUT", out.toString());
      env.put("IRG_ENDPOINTS", sim.uri().toString());
      env.put("IRG_EVAL_RUN_ARGS", args);
      env.put("IRG_EVAL_MERGE_ARGS", "--judge-url " + judge.baseUrl());
      String[] ids = sh(env, tmp, SCRIPTS.resolve("submit.sh").toString(), "3").trim().split("\\s+");
      assertEquals(2, ids.length, String.join(" ", ids));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
      while (!sh(env, tmp, "squeue", "-h", "-j", ids[0] + "," + ids[1]).isBlank()) {
        if (System.nanoTime() > deadline) {
          fail("jobs still queued or running after 100 s:\n" + sh(env, tmp, "squeue"));
        }
        Thread.sleep(500);
      }
      String state = sh(env, tmp, "scontrol", "show", "job", ids[1]);
      assertTrue(state.contains("JobState=COMPLETED"), "merge job: " + state + logs(out));
      for (int i = 0; i < 3; i++) {
        assertTrue(Files.isRegularFile(out.resolve("shard-" + i + "-of-3/shard.json")), logs(out));
      }
      Path merged = out.resolve("merged");
      assertEquals(results(tmp.resolve("whole")), results(merged), logs(out));
      assertEquals(images(tmp.resolve("whole")), images(merged));
      JsonNode man = Json.mapper().readTree(merged.resolve("manifest.json").toFile());
      assertEquals(3, man.path("merged_from").size());
      System.err.printf("[irg-eval tests] SlurmShardMergeTest: Slurm array of 3 shards + merge in %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
    } finally {
      if (ours) {
        sh(env, tmp, SCRIPTS.resolve("ci-slurm.sh").toString(), "down");
      }
    }
  }

  private static String logs(Path out) throws IOException {
    StringBuilder b = new StringBuilder();
    if (Files.isDirectory(out)) {
      try (var s = Files.list(out)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
          String t = Files.readString(f);
          b.append("\n--- ").append(f.getFileName()).append('\n').append(t.length() > 3000 ? t.substring(t.length() - 3000) : t);
        }
      }
    }
    return b.toString();
  }
}
