package org.irgeval.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.irgeval.scoring.judge.LoopbackJudgeServer.Answer;
import org.irgeval.testkit.FaultyJudgeServer.Fault;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * A body that trickles or never ends cannot hang or exhaust the client. A timing test (its bounds are wall-clock
 * deadlines, 0.8 s and 30 s, and it passed in 3 s idle but failed on a machine loaded by other builds), so it runs
 * in the system tier ({@code -Pall-tiers}, {@code .ci/run}).
 */
@SystemTest
class BoundedHttpTest {
  private static HttpRequest post(FaultyJudgeServer s) {
    return HttpRequest.newBuilder(s.baseUrl().resolve("/v1/chat/completions")).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[]}")).build();
  }

  @Test
  void slowHugeAndResetBodiesFailWithinTheirBounds() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (FaultyJudgeServer s = FaultyJudgeServer.start(r -> Answer.text("ok"),
        (n, r) -> n == 1 ? Fault.slowBody(Duration.ofMillis(200)) : n == 2 ? Fault.hugeBody()
            : n == 3 ? Fault.reset() : Fault.none())) {
      long t0 = System.nanoTime();
      assertThrows(HttpTimeoutException.class, () -> BoundedHttp.send(client, post(s), 1 << 20, Duration.ofMillis(800)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 5_000, "the deadline covers the body: " + ms + " ms");
      IOException big = assertThrows(IOException.class, () -> BoundedHttp.send(client, post(s), 1 << 20,
          Duration.ofSeconds(30)));
      assertTrue(big.getMessage().contains("larger than 1048576 bytes"), big.getMessage());
      assertThrows(IOException.class, () -> BoundedHttp.send(client, post(s), 1 << 20, Duration.ofSeconds(30)));
      assertEquals(200, BoundedHttp.send(client, post(s), 1 << 20, Duration.ofSeconds(30)).statusCode());
    }
  }
}
