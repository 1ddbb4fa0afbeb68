package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeException;
import org.irgeval.api.JudgeReply;
import org.irgeval.api.JudgeRequest;
import org.irgeval.util.BoundedHttp;

/**
 * One model behind the shared client of {@link OpenAiJudgeFactory}: cache lookup, then up to
 * {@code 1 + maxRetries} HTTP attempts with exponential backoff (or the server's {@code Retry-After}).
 *
 * <p>Retried: 408, 409, 429, 5xx, connection errors, timeouts, and 200 responses whose body is not a chat
 * completion. Not retried: other 4xx (a bad request or a refused key stays refused). The API key only ever
 * goes into the Authorization header; every message that could carry server text is redacted.
 */
final class OpenAiJudge implements Judge {
  /** Longest wait honoured from a Retry-After header (a misconfigured proxy must not stall a run for hours). */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final String model;
  private final OpenAiJudgeFactory.Shared shared;

  OpenAiJudge(String model, OpenAiJudgeFactory.Shared shared) {
    this.model = model;
    this.shared = shared;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public JudgeReply complete(JudgeRequest request) throws JudgeException {
    JudgeConfig cfg = shared.config();
    ObjectNode key = shared.wire().cacheKey(cfg.baseUrl().toString(), model, request);
    String hash = shared.cache().hash(key);
    Optional<JudgeReply> hit = shared.cache().get(hash, key);
    if (hit.isPresent()) {
      shared.usage().cacheHit(model);
      return hit.get();
    }
    ObjectMapper mapper = shared.mapper();
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(shared.wire().body(model, request));
    } catch (IOException e) {
      throw new JudgeException("cannot serialise the judge request", false, e);
    }
    String lastProblem = "no attempt made";
    Throwable lastCause = null;
    for (int attempt = 0; attempt <= cfg.maxRetries(); attempt++) {
      Duration wait = null;
      try {
        HttpResponse<byte[]> resp = send(body);
        int status = resp.statusCode();
        if (status == 200) {
          try {
            // A reply that echoes the key (a misconfigured proxy, a prompt-injected judge) must not carry it into
            // scores.jsonl or the cache: everything stored comes from this redacted copy.
            JudgeReply reply = redacted(shared.responses().parse(resp.body()));
            shared.usage().tokens(model, reply.promptTokens(), reply.completionTokens());
            store(hash, key, reply);
            return reply;
          } catch (ChatResponses.MalformedResponseException e) {
            lastProblem = "malformed response: " + e.getMessage();
            lastCause = null;
          }
        } else if (retryable(status)) {
          lastProblem = "HTTP " + status + ": " + ChatResponses.snippet(text(resp.body()));
          lastCause = null;
          wait = RetryAfter.parse(resp.headers().firstValue("Retry-After").orElse(null), Instant.now())
              .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
              .orElse(null);
        } else {
          shared.usage().failure(model);
          throw new JudgeException(shared.redact("judge " + model + " at " + cfg.chatCompletionsUri() + " refused"
              + " the request: HTTP " + status + ": " + ChatResponses.snippet(text(resp.body()))
              + (status == 401 || status == 403 ? shared.missingKeyHint() : "")), false, status == 401 || status == 403,
              null);
        }
      } catch (HttpTimeoutException e) {
        lastProblem = "no response within " + cfg.timeout().toSeconds() + " s";
        lastCause = null;
      } catch (IOException e) {
        lastProblem = "connection failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage());
        lastCause = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        shared.usage().failure(model);
        throw new JudgeException("interrupted while waiting for the judge", true, null);
      }
      if (attempt < cfg.maxRetries()) {
        shared.usage().retry(model);
        try {
          sleep(wait != null ? wait : backoff(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          shared.usage().failure(model);
          throw new JudgeException("interrupted while backing off", true, null);
        }
      }
    }
    shared.usage().failure(model);
    throw new JudgeException(shared.redact("judge " + model + " at " + cfg.chatCompletionsUri() + " gave no answer"
        + " after " + (cfg.maxRetries() + 1) + " attempt(s); last: " + lastProblem), true, lastCause);
  }

  private HttpResponse<byte[]> send(byte[] body) throws IOException, InterruptedException {
    JudgeConfig cfg = shared.config();
    HttpRequest.Builder b = HttpRequest.newBuilder(cfg.chatCompletionsUri())
        .timeout(cfg.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    shared.authorize(b);
    shared.limiter().acquire();
    shared.slots().acquire();
    try {
      shared.usage().sent(model);
      // The whole exchange, body included, within the timeout, and no body past MAX_BODY_BYTES.
      return BoundedHttp.send(shared.http(), b.build(), MAX_BODY_BYTES, cfg.timeout());
    } finally {
      shared.slots().release();
    }
  }

  private JudgeReply redacted(JudgeReply r) {
    KeyRedactor k = shared.redactor();
    List<Map<String, Double>> tokens = k.redactTokens(r.tokenLogprobs());
    Map<String, Double> first = tokens.isEmpty() ? k.redactAlternatives(r.firstTokenTopLogprobs())
        : tokens.get(0);
    return new JudgeReply(k.redact(r.text()), first, tokens, r.promptTokens(), r.completionTokens(), r.cached());
  }

  private void store(String hash, ObjectNode key, JudgeReply reply) {
    try {
      shared.cache().put(hash, key, reply);
    } catch (IOException e) {
      // A reply we cannot cache is still a good reply; the next run just asks again.
      System.err.println("warning: judge cache write failed: " + e.getMessage());
    }
  }

  /** The largest judge response read (a chat completion with logprobs is a few kB; this only stops a runaway body). */
  static final long MAX_BODY_BYTES = 32L << 20;

  static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** base * 2^attempt, capped at 60 s, with +-20% jitter so threads that failed together do not retry together. */
  private Duration backoff(int attempt) {
    long base = shared.backoffBase().toMillis();
    long ms = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt, 20));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (ms * jitter));
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    }
  }

  private static String text(byte[] body) {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OpenAiJudge[model=" + model + ", url=" + shared.config().chatCompletionsUri() + "]";
  }
}
