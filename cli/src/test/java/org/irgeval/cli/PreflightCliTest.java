package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight of {@code run}, {@code score} and {@code doctor}: what would fail late (an unreachable judge, a
 * scorer without its files, a judge without logprobs) fails in seconds, before any trajectory is made.
 */
class PreflightCliTest {
  @TempDir
  Path tmp;

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableJudgeStopsTheRunBeforeAnyGenerationNamingTheUrl() throws Exception {
    Path data = CliTestSupport.shared("wise");
    Path run = tmp.resolve("run");
    String url = "http://127.0.0.1:" + closedPort() + "/v1";
    long t0 = System.nanoTime();
    CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "wise", "--data",
        data.toString(), "--limit", "3", "--judge-url", url, "--out", run.toString());
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("unreachable judge: exit %d after %.1f s%n", r.code(), s);
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(url + "/chat/completions unreachable: ConnectException"), r.err());
    assertFalse(r.err().contains("null"), r.err());
    assertFalse(Files.exists(run), "nothing was generated: the run folder was never made");
    assertTrue(s < 10, "the acceptance bound (issue 24): within 10 s, took " + s);
  }

  @Test
  void aScorerWithoutItsModelFilesStopsTheRunAtOnce() throws Exception {
    Path run = tmp.resolve("run");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "reference", "--benchmarks", "geneval", "--data",
        CliTestSupport.shared("geneval").toString(), "--limit", "2", "--scorer", "geneval=geneval-djl", "--out",
        run.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("scorer geneval-djl: geneval would not be scored") && r.err().contains("detector"),
        r.err());
    assertFalse(Files.exists(run));
  }

  @Test
  void doctorProbesTheJudgeForLogprobsWhereTheScorerReadsThem() throws Exception {
    Path data = CliTestSupport.shared("genai-bench");
    List<String> args = List.of("doctor", "--pipeline", "reference", "--benchmarks", "genai-bench", "--data",
        data.toString(), "--limit", "4", "--scorer", "genai-bench=genai-bench-judge", "--judge-key-env", "IRG_EVAL_NO_KEY");
    try (LoopbackJudgeServer ok = LoopbackJudgeServer.start(req -> new LoopbackJudgeServer.Answer("Yes",
        List.of(Map.of("Yes", -0.1, "No", -2.4)), null, null))) {
      CliTestSupport.Result r = run(args, "--judge-url", ok.baseUrl().toString());
      assertEquals(0, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("[OK  ] judge gpt-4o (logprobs): ") && r.out().contains("with top logprobs"),
          r.out());
      assertTrue(r.out().contains("[OK  ] data genai-bench: 4 prompts"), r.out());
      assertTrue(r.out().contains("total: 4 trajectories, 8 images (2 turns each), 8 judge calls"), r.out());
      assertEquals(1, ok.requests(), "one tiny request, no scoring");
    }
    try (LoopbackJudgeServer noLogprobs = LoopbackJudgeServer.start(req -> LoopbackJudgeServer.Answer.text("Yes"))) {
      CliTestSupport.Result r = run(args, "--judge-url", noLogprobs.baseUrl().toString());
      assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out());
      assertTrue(r.out().contains("[FAIL] judge gpt-4o (logprobs): ") && r.out().contains("top_logprobs"), r.out());
    }
  }

  @Test
  void aRefusedKeyIsNamedWithItsVariable() throws Exception {
    try (FaultyJudgeServer judge = FaultyJudgeServer.start(req -> LoopbackJudgeServer.Answer.text("yes"),
        (n, req) -> FaultyJudgeServer.Fault.unauthorized())) {
      CliTestSupport.Result r = CliTestSupport.run("doctor", "--pipeline", "reference", "--benchmarks", "wise",
          "--data", CliTestSupport.shared("wise").toString(), "--limit", "1", "--judge-url",
          judge.baseUrl().toString(), "--judge-key-env", "IRG_EVAL_NO_KEY");
      assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out());
      assertTrue(r.out().contains("refused the key (HTTP 401; $IRG_EVAL_NO_KEY is not set)"), r.out());
    }
  }

  @Test
  void theDryRunPrintsThePlanAndMakesNothing() throws Exception {
    Path run = tmp.resolve("run");
    CliTestSupport.Result r = CliTestSupport.run("run", "--pipeline", "irg", "--preset", "irg-paper", "--benchmarks",
        "wise,tiif", "--data", CliTestSupport.shared("wise", "tiif").toString(), "--endpoint",
        "http://127.0.0.1:" + closedPort(), "--out", run.toString(), "--dry-run");
    assertEquals(0, r.code(), r.out() + r.err());
    // 1000 WISE + 554 TIIF trajectories of 2 turns at 60.58 s: 1554 x 60.58 / 3600 = 26.15 GPU-hours
    assertTrue(r.out().contains("total: 1554 trajectories, 3108 images (2 turns each)"), r.out());
    assertTrue(r.out().contains("GPU: 26.2 GPU-hours at 60.58 s per trajectory"), r.out());
    assertFalse(Files.exists(run));
  }

  private static CliTestSupport.Result run(List<String> args, String... more) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of(more));
    return CliTestSupport.run(all.toArray(String[]::new));
  }
}
