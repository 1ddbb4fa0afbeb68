package org.irgeval.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.api.JudgeException;
import org.irgeval.api.JudgeRequest;
import org.irgeval.scoring.judge.LoopbackJudgeServer.Answer;
import org.irgeval.testkit.FaultyJudgeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared parse-or-re-ask loop, against the loopback judge server through the real client. */
class JudgeLoopTest {
  @TempDir
  Path tmp;

  /** Accepts a reply that is exactly "yes"; anything else is asked again. */
  private static JudgeLoop.Protocol<String> yesProtocol() {
    return new JudgeLoop.Protocol<>() {
      @Override
      public JudgeRequest request(int attempt) {
        return new JudgeRequest("sys", List.of(JudgeRequest.Part.text("is it?")), 0, 5, null, Map.of());
      }

      @Override
      public JudgeLoop.Parsed<String> parse(String text) {
        return text.equals("yes") ? JudgeLoop.Parsed.ok(text, text) : JudgeLoop.Parsed.incomplete("not yes", null);
      }
    };
  }

  @Test
  void reAsksUntilAReplyParsesAndARerunReplaysFromTheCache() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (PlumbingJudge judge = PlumbingJudge.start(r -> Answer.text(n.incrementAndGet() < 3 ? "maybe" : "yes"),
        tmp.resolve("cache"))) {
      JudgeLoop loop = new JudgeLoop(judge.open("any"), 4, "test");
      JudgeLoop.Result<String> r = loop.ask(yesProtocol());
      assertEquals("yes", r.value());
      assertEquals(3, r.attempts().size());
      assertEquals("not yes", r.attempts().get(0).get("problem").asText());
      assertEquals(3, judge.server().requests());
      // Same requests again: every attempt is a cache hit (the salt keeps attempts 2 and 3 apart from 1).
      JudgeLoop.Result<String> again = new JudgeLoop(judge.open("any"), 4, "test").ask(yesProtocol());
      assertEquals("yes", again.value());
      assertEquals(3, judge.server().requests(), "no HTTP call on replay");
      assertTrue(again.attempts().get(2).get("cached").asBoolean());
    }
  }

  @Test
  void boundedAttemptsEndInACountedFailure() throws Exception {
    try (PlumbingJudge judge = PlumbingJudge.start(r -> Answer.text("no idea"), tmp.resolve("cache"))) {
      JudgeLoop.Result<String> r = new JudgeLoop(judge.open("any"), 2, "test").ask(yesProtocol());
      assertTrue(r.failed());
      assertEquals("not yes", r.problem());
      assertEquals("no idea", r.text());
      assertEquals(2, judge.server().requests(), "at most maxAttempts requests");
    }
  }

  @Test
  void onlyTransientErrorsAreThrownSoARerunAsksAgain() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("yes"),
        (number, body) -> FaultyJudgeServer.Fault.serverError())) {
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), "m", null, 1, 0, 0,
          java.time.Duration.ofSeconds(5), null, null), tmp.resolve("c2"));
      JudgeException e = assertThrows(JudgeException.class,
          () -> new JudgeLoop(f.open("m"), 2, "test").ask(yesProtocol()));
      assertTrue(e.isTransient());
      f.close();
    }
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("yes"),
        (number, body) -> FaultyJudgeServer.Fault.badRequest())) {
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), "m", null, 1, 0, 0,
          java.time.Duration.ofSeconds(5), null, null), tmp.resolve("c3"));
      JudgeLoop.Result<String> r = new JudgeLoop(f.open("m"), 2, "test").ask(yesProtocol());
      assertTrue(r.failed(), "a final judge error is a stored failure");
      f.close();
    }
  }
}
