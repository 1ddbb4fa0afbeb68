package org.irgeval.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeException;
import org.irgeval.api.JudgeReply;
import org.irgeval.api.JudgeRequest;
import org.irgeval.scoring.judge.LoopbackJudgeServer.Answer;
import org.irgeval.testkit.FaultyJudgeServer.Fault;
import org.irgeval.testkit.FaultyJudgeServer;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge client against a real OpenAI-protocol HTTP server on loopback (no mocked HttpClient). */
class OpenAiJudgeFactoryTest {
  private static final String SECRET = "sk-test-DO-NOT-LEAK-7f3a9c";
  private static final Duration FAST_BACKOFF = Duration.ofMillis(10);

  @TempDir
  Path tmp;

  private static JudgeConfig config(URI base, int retries) {
    return new JudgeConfig(base, null, null, 4, 0, retries, Duration.ofSeconds(10), null, null);
  }

  private OpenAiJudgeFactory factory(JudgeConfig c) {
    return new OpenAiJudgeFactory(c, tmp.resolve("cache"), name -> null, FAST_BACKOFF);
  }

  private static JudgeRequest request(String text, byte[] png) {
    return new JudgeRequest("SYSTEM TEXT", List.of(JudgeRequest.Part.text(text), JudgeRequest.Part.image(png)),
        0.0, 2000, null, Map.of());
  }

  private static byte[] png(int seed) {
    byte[] b = new byte[64];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  @Test
  void sendsTheOpenAiWireFormatWithTheKeyOnlyInTheHeader() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("Consistency: 2"))) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, "WISE_TEST_KEY", 2, 0, 0, Duration.ofSeconds(5),
          null, null);
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(c, tmp.resolve("cache"),
          Map.of("WISE_TEST_KEY", SECRET)::get, FAST_BACKOFF);
      Judge judge = f.open("gpt-4o-2024-05-13");
      byte[] img = png(1);
      JudgeRequest req = new JudgeRequest("SYS", List.of(JudgeRequest.Part.text("USER"), JudgeRequest.Part.image(img)),
          0.0, 500, null, Map.of("chat_template_kwargs", Map.of("enable_thinking", false),
          OpenAiJudgeFactory.CACHE_SALT_KEY, "attempt-2"));
      JudgeReply reply = judge.complete(req);
      assertEquals("Consistency: 2", reply.text());
      assertFalse(reply.cached());

      LoopbackJudgeServer.Received got = server.recentRequests().get(0);
      assertEquals("Bearer " + SECRET, got.authorization());
      JsonNode body = got.body();
      assertEquals("gpt-4o-2024-05-13", body.get("model").asText());
      // Message shape of WISE_legacy/gpt_eval.py l.87-170: system as a text-part list, user text then image.
      assertEquals("system", body.at("/messages/0/role").asText());
      assertEquals("SYS", body.at("/messages/0/content/0/text").asText());
      assertEquals("text", body.at("/messages/1/content/0/type").asText());
      assertEquals("USER", body.at("/messages/1/content/0/text").asText());
      assertEquals("image_url", body.at("/messages/1/content/1/type").asText());
      String url = body.at("/messages/1/content/1/image_url/url").asText();
      assertTrue(url.startsWith("data:image/png;base64,"));
      assertEquals(List.of(Base64.getEncoder().encodeToString(img)), List.of(url.substring(22)));
      assertTrue(body.at("/messages/1/content/1/image_url/detail").isMissingNode(), "no detail field");
      assertTrue(body.get("temperature").isDouble());
      assertEquals(0.0, body.get("temperature").asDouble());
      assertEquals(500, body.get("max_tokens").asInt());
      assertFalse(body.get("chat_template_kwargs").get("enable_thinking").asBoolean());
      assertFalse(body.has(OpenAiJudgeFactory.CACHE_SALT_KEY), "the cache salt is never sent");
      assertFalse(body.has("logprobs"));

      String everything = f + " " + judge + " " + c + " " + Json.mapper().writeValueAsString(f.usage());
      assertFalse(everything.contains(SECRET), everything);
    }
  }

  @Test
  void noAuthorizationHeaderWithoutAKeyAndAMissingKeyVariableIsNamed() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("ok"),
        FaultyJudgeServer.FaultPlan.none())) {
      factory(config(server.baseUrl(), 0)).open("m").complete(request("x", png(1)));
      assertNull(server.recentRequests().get(0).authorization());
      // An unset key variable means no key (local vLLM); if the server then refuses, the error names it.
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, "NOT_SET_VAR", 1, 0, 3, Duration.ofSeconds(5), null,
          null);
      server.setFaultPlan((n, r) -> Fault.unauthorized());
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(c, tmp, name -> null, FAST_BACKOFF);
      JudgeException e = assertThrows(JudgeException.class, () -> f.open("m").complete(request("y", png(2))));
      assertFalse(e.isTransient());
      assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("NOT_SET_VAR is not set"),
          e.getMessage());
      assertNull(server.recentRequests().get(1).authorization());
      assertEquals(2, server.requests(), "a 401 is not retried");
    }
  }

  @Test
  void aRerunWithTheSameCacheIssuesZeroHttpRequests() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(
        r -> Answer.text("answer to " + LoopbackJudgeServer.text(r, "user")))) {
      List<String> first = new ArrayList<>();
      OpenAiJudgeFactory run1 = factory(config(server.baseUrl(), 0));
      for (int i = 0; i < 5; i++) {
        first.add(run1.open("judge-a").complete(request("q" + i, png(i))).text());
      }
      assertEquals(5, server.requests());
      assertEquals(5, run1.usage().requests());

      OpenAiJudgeFactory run2 = factory(config(server.baseUrl(), 0));
      for (int i = 0; i < 5; i++) {
        JudgeReply r = run2.open("judge-a").complete(request("q" + i, png(i)));
        assertTrue(r.cached());
        assertEquals(first.get(i), r.text());
      }
      assertEquals(5, server.requests(), "second run must not reach the server");
      assertEquals(0, run2.usage().requests());
      assertEquals(5, run2.usage().cacheHits());

      // Every part of the key matters: another image, model, salt or max_tokens is a new request.
      run2.open("judge-a").complete(request("q0", png(99)));
      run2.open("judge-b").complete(request("q0", png(0)));
      run2.open("judge-a").complete(new JudgeRequest("SYSTEM TEXT",
          List.of(JudgeRequest.Part.text("q0"), JudgeRequest.Part.image(png(0))), 0.0, 2000, null,
          Map.of(OpenAiJudgeFactory.CACHE_SALT_KEY, "attempt-2")));
      run2.open("judge-a").complete(new JudgeRequest("SYSTEM TEXT",
          List.of(JudgeRequest.Part.text("q0"), JudgeRequest.Part.image(png(0))), 0.0, 1999, null, Map.of()));
      assertEquals(9, server.requests());

      // One file per entry; no base64 image inside (images are keyed by hash).
      try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
        List<Path> entries = files.filter(p -> p.toString().endsWith(".json")).toList();
        assertEquals(9, entries.size());
        String one = Files.readString(entries.get(0));
        assertFalse(one.contains("base64"), one);
        assertTrue(one.contains("sha256:"), one);
      }
    }
  }

  @Test
  void a429HonoursRetryAfterThenSucceeds() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("fine"),
        (n, r) -> n == 1 ? Fault.rateLimit(1) : Fault.none())) {
      OpenAiJudgeFactory f = factory(config(server.baseUrl(), 3));
      long t0 = System.nanoTime();
      assertEquals("fine", f.open("m").complete(request("x", png(1))).text());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // The backoff base is 10 ms, so a wait near 1 s can only come from "Retry-After: 1".
      assertTrue(ms >= 950, "waited " + ms + " ms");
      assertEquals(2, server.requests());
      assertEquals(1, f.usage().retries());
      assertEquals(2, f.usage().requests());
      assertEquals(0, f.usage().failures());
    }
  }

  @Test
  void serverErrorsAreRetriedButTheRetryCountIsCapped() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("fine"),
        (n, r) -> Fault.serverError())) {
      OpenAiJudgeFactory f = factory(config(server.baseUrl(), 2));
      JudgeException e = assertThrows(JudgeException.class, () -> f.open("m").complete(request("x", png(1))));
      assertTrue(e.isTransient());
      assertTrue(e.getMessage().contains("3 attempt(s)") && e.getMessage().contains("HTTP 500"), e.getMessage());
      assertEquals(3, server.requests(), "1 try + 2 retries, never more");
      assertEquals(1, f.usage().failures());
      assertEquals(2, f.usage().retries());

      server.setFaultPlan((n, r) -> n == 4 ? Fault.serverError() : Fault.none());
      assertEquals("fine", f.open("m").complete(request("y", png(2))).text());
      assertEquals(5, server.requests());
    }
  }

  @Test
  void aTimeoutIsRetried() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("late but fine"),
        (n, r) -> n == 1 ? Fault.delay(Duration.ofSeconds(3)) : Fault.none())) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, null, 2, 0, 1, Duration.ofMillis(400), null, null);
      OpenAiJudgeFactory f = factory(c);
      assertEquals("late but fine", f.open("m").complete(request("x", png(1))).text());
      assertEquals(2, server.requests());
      assertEquals(1, f.usage().retries());
    }
  }

  @Test
  void aMalformedBodyIsRetriedAndAnErrorObjectToo() throws Exception {
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("fine"),
        (n, r) -> n <= 2 ? Fault.malformed() : Fault.none())) {
      OpenAiJudgeFactory f = factory(config(server.baseUrl(), 1));
      JudgeException e = assertThrows(JudgeException.class, () -> f.open("m").complete(request("x", png(1))));
      assertTrue(e.getMessage().contains("malformed response"), e.getMessage());
      assertEquals(2, server.requests());
      assertEquals("fine", f.open("m").complete(request("x", png(1))).text());
      assertEquals(3, server.requests());
    }
  }

  @Test
  void a400IsNotRetriedAndTheKeyIsRedactedFromTheMessage() throws Exception {
    // A server that echoes the Authorization header in its error body must not leak the key into our message.
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("fine"),
        (n, r) -> Fault.badRequest())) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, "K", 2, 0, 5, Duration.ofSeconds(5), null, null);
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(c, tmp, Map.of("K", SECRET)::get, FAST_BACKOFF);
      JudgeException e = assertThrows(JudgeException.class, () -> f.open("m").complete(request("x", png(1))));
      assertFalse(e.isTransient());
      assertEquals(1, server.requests(), "a 400 is never retried");
      assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET));
      assertEquals("[redacted]", new OpenAiJudgeFactory.KeyHolder(SECRET, null).redact(SECRET));
    }
  }

  @Test
  void logprobsArePassedThroughBothWays() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> new Answer("Yes",
        List.of(Map.of("Yes", -0.1, "No", -2.4, "yes", -5.0), Map.of("<eos>", 0.0)), 10, 2))) {
      OpenAiJudgeFactory f = factory(config(server.baseUrl(), 0));
      JudgeReply r = f.open("m").complete(new JudgeRequest(null, List.of(JudgeRequest.Part.text("Is it a cat?"),
          JudgeRequest.Part.image(png(3))), 0.0, 1, 5, Map.of()));
      JsonNode body = server.recentRequests().get(0).body();
      assertTrue(body.get("logprobs").asBoolean());
      assertEquals(5, body.get("top_logprobs").asInt());
      assertEquals("user", body.at("/messages/0/role").asText(), "no system message when system is null");
      assertEquals(Map.of("Yes", -0.1, "No", -2.4, "yes", -5.0), r.firstTokenTopLogprobs());
      assertEquals(2, r.tokenLogprobs().size());
      // And the cache keeps them.
      JudgeReply again = factory(config(server.baseUrl(), 0)).open("m").complete(new JudgeRequest(null,
          List.of(JudgeRequest.Part.text("Is it a cat?"), JudgeRequest.Part.image(png(3))), 0.0, 1, 5, Map.of()));
      assertTrue(again.cached());
      assertEquals(r.firstTokenTopLogprobs(), again.firstTokenTopLogprobs());
    }
  }

  @Test
  void tokensAndCostAreCountedPerModel() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> new Answer("ok", null, 1000, 200))) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, null, 2, 0, 0, Duration.ofSeconds(5), 2.5, 10.0);
      OpenAiJudgeFactory f = factory(c);
      for (int i = 0; i < 3; i++) {
        f.open("a").complete(request("x" + i, png(i)));
      }
      f.open("b").complete(request("y", png(9)));
      f.open("a").complete(request("x0", png(0))); // cache hit: no tokens, no cost
      JudgeUsage u = f.usage();
      assertEquals(4, u.requests());
      assertEquals(1, u.cacheHits());
      assertEquals(4000, u.promptTokens());
      assertEquals(800, u.completionTokens());
      // Model a: 3 calls x (1000 x 2.5 + 200 x 10) / 1e6 = 3 x 0.0045 = 0.0135; all: 4 x 0.0045 = 0.018.
      assertEquals(0.0135, u.models().get("a").cost(), 1e-12);
      assertEquals(0.018, u.cost(), 1e-12);
      assertEquals(1, u.models().get("a").cacheHits());
      assertNull(factory(config(server.baseUrl(), 0)).usage().cost(), "no prices, no cost");
    }
  }

  @Test
  void concurrencyIsBounded() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> {
      int now = inFlight.incrementAndGet();
      max.accumulateAndGet(now, Math::max);
      Thread.sleep(80);
      inFlight.decrementAndGet();
      return Answer.text("ok");
    })) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, null, 2, 0, 0, Duration.ofSeconds(5), null, null);
      OpenAiJudgeFactory f = factory(c);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<JudgeReply>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int k = i;
          fs.add(pool.submit(() -> f.open("m").complete(request("c" + k, png(k)))));
        }
        for (Future<JudgeReply> fu : fs) {
          fu.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(8, server.requests());
      assertTrue(max.get() <= 2, "max in flight " + max.get());
    }
  }

  @Test
  void theRateLimitSpacesRequestStarts() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("ok"))) {
      // 600 per minute = one start every 100 ms; 5 starts need at least 4 intervals.
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, null, 4, 600, 0, Duration.ofSeconds(5), null, null);
      OpenAiJudgeFactory f = factory(c);
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        f.open("m").complete(request("r" + i, png(i)));
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 390, "took " + ms + " ms");
    }
  }

  @Test
  void configNormalisesTheEndpointAndRejectsUnsafeValues() {
    assertEquals(URI.create("http://h:8000/v1/chat/completions"),
        JudgeConfig.defaults(URI.create("http://h:8000")).chatCompletionsUri());
    assertEquals(URI.create("http://h:8000/v1/chat/completions"),
        JudgeConfig.defaults(URI.create("http://h:8000/v1/")).chatCompletionsUri());
    assertEquals(URI.create("https://api.openai.com/v1/chat/completions"),
        JudgeConfig.defaults(URI.create("https://api.openai.com/v1")).chatCompletionsUri());
    assertThrows(IllegalArgumentException.class,
        () -> JudgeConfig.defaults(URI.create("http://user:" + SECRET + "@h/v1")));
    assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(URI.create("http://h/v1"), null, SECRET, 1, 0,
        0, Duration.ofSeconds(1), null, null), "a key value passed as the variable name is refused");
    assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(URI.create("http://h/v1"), null, null, 1, 0,
        JudgeConfig.MAX_RETRIES_CAP + 1, Duration.ofSeconds(1), null, null));
    assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(URI.create("ftp://h/v1"), null, null, 1, 0,
        0, Duration.ofSeconds(1), null, null));
  }

  @Test
  void retryAfterAcceptsSecondsAndHttpDates() {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", now).orElseThrow());
    assertEquals(Duration.ofMillis(500), RetryAfter.parse("0.5", now).orElseThrow());
    assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", now).orElseThrow());
    assertTrue(RetryAfter.parse("soon", now).isEmpty());
    assertTrue(RetryAfter.parse(null, now).isEmpty());
  }

  @Test
  void aCorruptCacheEntryIsAMissNotACrash() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("ok"))) {
      factory(config(server.baseUrl(), 0)).open("m").complete(request("x", png(1)));
      try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
        for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
          Files.write(p, "{\"torn".getBytes(StandardCharsets.UTF_8));
        }
      }
      JudgeReply r = factory(config(server.baseUrl(), 0)).open("m").complete(request("x", png(1)));
      assertFalse(r.cached());
      assertEquals(2, server.requests());
      assertTrue(factory(config(server.baseUrl(), 0)).open("m").complete(request("x", png(1))).cached());
    }
  }

  @Test
  void aReplyEchoingTheKeyIsStoredRedactedAndA401StopsTheRun() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("your key is " + SECRET + " ok"))) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, "ECHO_KEY", 2, 0, 0, Duration.ofSeconds(5), null, null);
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(c, tmp.resolve("cache-echo"), Map.of("ECHO_KEY", SECRET)::get,
          FAST_BACKOFF);
      JudgeReply reply = f.open("m").complete(request("hi", png(3)));
      assertEquals("your key is [redacted] ok", reply.text());
      try (var files = Files.walk(tmp.resolve("cache-echo"))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(p).contains(SECRET), "the cache never holds the key: " + p);
        }
      }
      f.close();
    }
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("x"),
        (n, r) -> FaultyJudgeServer.Fault.unauthorized())) {
      OpenAiJudgeFactory f = factory(config(server.baseUrl(), 3));
      JudgeException e = assertThrows(JudgeException.class, () -> f.open("m").complete(request("hi", png(4))));
      assertTrue(e.isAuthentication() && !e.isTransient(), e.getMessage());
      assertEquals(1, server.requests(), "an authentication failure is not retried");
      f.close();
    }
  }

  @Test
  void aShortKeyIsRefusedAtStartWithoutBeingShown() {
    JudgeConfig c = new JudgeConfig(URI.create("http://127.0.0.1:9/v1"), null, "OPENAI_API_KEY", 1, 0, 0,
        Duration.ofSeconds(5), null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OpenAiJudgeFactory(c, tmp.resolve("c"), Map.of("OPENAI_API_KEY", "yes")::get, FAST_BACKOFF));
    assertTrue(e.getMessage().contains("$OPENAI_API_KEY is 3 characters long"), e.getMessage());
    assertFalse(e.getMessage().contains("yes"), e.getMessage());
  }

  @Test
  void aUrlCarryingAKeyIsRefusedWithoutEchoingIt() {
    IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(
        URI.create("http://127.0.0.1:9/v1?api_key=" + SECRET), null, null, 1, 0, 0, Duration.ofSeconds(5), null, null));
    assertFalse(q.getMessage().contains(SECRET), q.getMessage());
    JudgeConfig inPath = new JudgeConfig(URI.create("http://127.0.0.1:9/" + SECRET + "/v1"), null, "K", 1, 0, 0,
        Duration.ofSeconds(5), null, null);
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> new OpenAiJudgeFactory(inPath, tmp.resolve("c"), Map.of("K", SECRET)::get, FAST_BACKOFF));
    assertTrue(p.getMessage().contains("carries the API key") && !p.getMessage().contains(SECRET), p.getMessage());
  }

  /**
   * The probe's echo variants: the key whole, with spaces, with zero-width spaces, split across logprob tokens, one
   * token per character; nothing of it (no 6 characters in a row) is in the reply or the cache, and an answer that
   * shares words with nothing of the key is left exactly as it was.
   */
  @Test
  void noKeyFragmentIsStoredUnderAnyEchoVariant() throws Exception {
    String zw = String.join("\u200b", SECRET.split(""));
    String spaced = SECRET.substring(0, 9) + " " + SECRET.substring(9, 17) + "\n" + SECRET.substring(17);
    List<List<String>> splits = List.of(List.of(SECRET.substring(0, 5), SECRET.substring(5, 13), SECRET.substring(13)),
        List.of(SECRET.split("")));
    int n = 0;
    for (String text : List.of("key: " + SECRET + ". Yes", "key: " + spaced + " Yes", "key: " + zw + " Yes")) {
      checkEcho(text, null, "v" + n++);
    }
    for (List<String> toks : splits) {
      List<Map<String, Double>> lp = new ArrayList<>();
      lp.add(Map.of("Yes", -0.1, "No", -2.5));
      for (String t : toks) {
        lp.add(Map.of(t, -0.01, "x", -4.0));
      }
      checkEcho("Yes" + String.join("", toks), lp, "v" + n++);
    }
  }

  private void checkEcho(String text, List<Map<String, Double>> logprobs, String name) throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> new Answer(text, logprobs, null, null))) {
      JudgeConfig c = new JudgeConfig(server.baseUrl(), null, "K", 1, 0, 0, Duration.ofSeconds(5), null, null);
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(c, tmp.resolve("cache-" + name), Map.of("K", SECRET)::get,
          FAST_BACKOFF);
      JudgeReply reply = f.open("m").complete(request("hi", png(7)));
      f.close();
      StringBuilder stored = new StringBuilder(reply.text()).append(reply.tokenLogprobs());
      try (var files = Files.walk(tmp.resolve("cache-" + name))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          stored.append(Files.readString(p));
        }
      }
      String squeezed = stored.toString().replaceAll("[\\s\u200b]|\\\\u200b", "");
      for (int i = 0; i + 6 <= SECRET.length(); i++) {
        assertFalse(squeezed.contains(SECRET.substring(i, i + 6)), name + ": '" + SECRET.substring(i, i + 6)
            + "' stored: " + stored);
      }
      assertTrue(reply.text().contains("Yes") || reply.firstTokenTopLogprobs().containsKey("Yes"),
          name + ": the answer is kept: " + reply.text() + " " + reply.firstTokenTopLogprobs());
    }
  }
}
