package org.irgeval.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.testkit.FaultyJudgeServer.Fault;
import org.irgeval.testkit.FaultyJudgeServer.FaultPlan;
import org.junit.jupiter.api.Test;

/** The preflight's judge probe asks again after a transient answer, as the run's retries would, and only then. */
class JudgeProbeTest {
  private static CheckResult probe(FaultyJudgeServer judge, int retries) {
    JudgeConfig cfg = new JudgeConfig(judge.baseUrl(), null, null, 1, 0, retries, Duration.ofSeconds(5), null, null);
    return new JudgeProbe(k -> null).probe(cfg, "judge-vlm", false);
  }

  private static FaultyJudgeServer judge(FaultPlan plan) throws Exception {
    return FaultyJudgeServer.start(r -> LoopbackJudgeServer.Answer.text("Yes"), plan);
  }

  @Test
  void aResetOrACutBodyIsAskedAgainWithinTheRetries() throws Exception {
    for (Fault first : new Fault[] {Fault.reset(), Fault.malformed(), Fault.serverError()}) {
      try (FaultyJudgeServer judge = judge((n, r) -> n == 1 ? first : Fault.none())) {
        CheckResult r = probe(judge, 3);
        assertEquals(CheckResult.Status.OK, r.status(), first + ": " + r);
        assertEquals(2, judge.requests(), first + ": the fault, then the answer");
      }
    }
  }

  @Test
  void withoutRetriesTheFirstAnswerStands() throws Exception {
    try (FaultyJudgeServer judge = judge((n, r) -> n == 1 ? Fault.reset() : Fault.none())) {
      CheckResult r = probe(judge, 0);
      assertEquals(CheckResult.Status.FAIL, r.status(), r.toString());
      assertEquals(1, judge.requests());
    }
  }

  @Test
  void aJudgeThatKeepsFailingIsAskedOncePerRetryThenReported() throws Exception {
    try (FaultyJudgeServer judge = judge((n, r) -> Fault.malformed())) {
      CheckResult r = probe(judge, 3);
      assertEquals(CheckResult.Status.FAIL, r.status());
      assertTrue(r.message().contains("not JSON"), r.message());
      assertEquals(4, judge.requests(), "one request and three retries");
    }
  }

  @Test
  void aRefusedKeyIsNotAskedAgain() throws Exception {
    try (FaultyJudgeServer judge = judge((n, r) -> Fault.unauthorized())) {
      assertEquals(CheckResult.Status.FAIL, probe(judge, 3).status());
      assertEquals(1, judge.requests());
    }
  }
}
