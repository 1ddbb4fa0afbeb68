package org.irgeval.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Json;

/**
 * The judge of the tests that break things: a loopback chat-completions server that answers like
 * {@link LoopbackJudgeServer} (it runs one behind itself and relays its answers) unless its {@link FaultPlan} picks a
 * fault for a request: 429 with Retry-After, 500, a delay (for client timeouts), a malformed 200 body, 400, 401, a
 * body that trickles, a 64 MiB body, a reset connection. Fault injection lives here, in test code, so that the
 * product's loopback judge (the embedded demo's plumbing judge) carries none of it.
 */
public final class FaultyJudgeServer implements AutoCloseable {
  /** A fault to inject instead of (or before) the normal answer. */
  public record Fault(Kind kind, int retryAfterSeconds, Duration delay) {
    public enum Kind { NONE, RATE_LIMIT, SERVER_ERROR, DELAY, MALFORMED, BAD_REQUEST, UNAUTHORIZED, SLOW_BODY, RESET,
      HUGE_BODY }

    public static Fault none() {
      return new Fault(Kind.NONE, 0, Duration.ZERO);
    }

    /** HTTP 429 with {@code Retry-After: seconds}. */
    public static Fault rateLimit(int retryAfterSeconds) {
      return new Fault(Kind.RATE_LIMIT, retryAfterSeconds, Duration.ZERO);
    }

    /** HTTP 500 with an OpenAI error object. */
    public static Fault serverError() {
      return new Fault(Kind.SERVER_ERROR, 0, Duration.ZERO);
    }

    /** Waits, then answers normally (a client with a shorter timeout sees a timeout). */
    public static Fault delay(Duration delay) {
      return new Fault(Kind.DELAY, 0, delay);
    }

    /** HTTP 200 with a truncated, non-JSON body. */
    public static Fault malformed() {
      return new Fault(Kind.MALFORMED, 0, Duration.ZERO);
    }

    /** HTTP 401, as a provider answers a missing or wrong key. */
    public static Fault unauthorized() {
      return new Fault(Kind.UNAUTHORIZED, 0, Duration.ZERO);
    }

    /** HTTP 200 headers at once, then the body one byte per {@code perByte}: hangs a client without a deadline. */
    public static Fault slowBody(Duration perByte) {
      return new Fault(Kind.SLOW_BODY, 0, perByte);
    }

    /** The connection is closed without an answer. */
    public static Fault reset() {
      return new Fault(Kind.RESET, 0, Duration.ZERO);
    }

    /** HTTP 200 with a 64 MiB body: exhausts a client that reads bodies without a size limit. */
    public static Fault hugeBody() {
      return new Fault(Kind.HUGE_BODY, 0, Duration.ZERO);
    }

    /** HTTP 400 (never retried by a correct client). */
    public static Fault badRequest() {
      return new Fault(Kind.BAD_REQUEST, 0, Duration.ZERO);
    }
  }

  /** Chooses the fault for the n-th request (1-based, counted over all requests) and its body. */
  @FunctionalInterface
  public interface FaultPlan {
    Fault fault(long requestNumber, JsonNode request);

    static FaultPlan none() {
      return (n, r) -> Fault.none();
    }
  }

  private final LoopbackJudgeServer answers;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient relay;
  private final ObjectMapper mapper = Json.mapper();
  private volatile FaultPlan faults;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong faultsInjected = new AtomicLong();
  private final Deque<LoopbackJudgeServer.Received> recent = new ArrayDeque<>();

  private FaultyJudgeServer(LoopbackJudgeServer answers, FaultPlan faults) throws IOException {
    this.answers = answers;
    this.faults = Objects.requireNonNull(faults, "faults");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "faulty-judge");
      t.setDaemon(true);
      return t;
    });
    // its own threads: the handlers block on it, so it must not wait for a handler thread
    this.relay = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server that answers with {@code answerer} and injects what {@code faults} says. */
  public static FaultyJudgeServer start(LoopbackJudgeServer.Answerer answerer, FaultPlan faults) throws IOException {
    LoopbackJudgeServer answers = LoopbackJudgeServer.start(answerer);
    try {
      return new FaultyJudgeServer(answers, faults);
    } catch (IOException | RuntimeException e) {
      answers.close();
      throw e;
    }
  }

  /** The OpenAI-style base URL, {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/v1");
  }

  /** Chat-completions requests received so far (faulted ones included). */
  public long requests() {
    return requests.get();
  }

  /** Requests answered with a fault instead of a normal answer. */
  public long faultsInjected() {
    return faultsInjected.get();
  }

  public void setFaultPlan(FaultPlan plan) {
    this.faults = Objects.requireNonNull(plan);
  }

  /** The last {@link LoopbackJudgeServer#KEEP} requests, oldest first (faulted ones included). */
  public List<LoopbackJudgeServer.Received> recentRequests() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      boolean chat = "POST".equals(ex.getRequestMethod())
          && (path.equals("/v1/chat/completions") || path.equals("/chat/completions"));
      JsonNode body = null;
      if (chat) {
        try {
          body = mapper.readTree(raw);
        } catch (IOException notJson) {
          body = null; // the answering server says 400
        }
      }
      if (chat && body != null) {
        long n = requests.incrementAndGet();
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        synchronized (recent) {
          recent.addLast(new LoopbackJudgeServer.Received(n, authorization, body));
          while (recent.size() > LoopbackJudgeServer.KEEP) {
            recent.removeFirst();
          }
        }
        Fault fault = faults.fault(n, body);
        if (fault != null && fault.kind() != Fault.Kind.NONE) {
          faultsInjected.incrementAndGet();
          if (inject(ex, fault, raw)) {
            return;
          }
        }
      } else if (chat) {
        requests.incrementAndGet();
      }
      Relayed r = forward(ex, raw);
      LoopbackJudgeServer.send(ex, r.status(), r.body(), null);
    } catch (IOException clientGone) {
      // The client timed out and closed the connection while we were delaying: nothing to answer.
    }
  }

  /** Answers {@code ex} with {@code fault}; false when the normal answer is to follow (a delay). */
  private boolean inject(HttpExchange ex, Fault fault, byte[] raw) throws IOException {
    switch (fault.kind()) {
      case RATE_LIMIT -> LoopbackJudgeServer.send(ex, 429, LoopbackJudgeServer.error("rate_limit_exceeded", "rate limited (injected)"),
          String.valueOf(fault.retryAfterSeconds()));
      case SERVER_ERROR -> LoopbackJudgeServer.send(ex, 500, LoopbackJudgeServer.error("server_error", "internal error (injected)"), null);
      case MALFORMED -> LoopbackJudgeServer.send(ex, 200,
          "{\"choices\": [{\"message\": {\"content\": \"Consis".getBytes(StandardCharsets.UTF_8), null);
      case UNAUTHORIZED -> LoopbackJudgeServer.send(ex, 401, LoopbackJudgeServer.error("invalid_api_key", "Incorrect API key provided (injected)"), null);
      case BAD_REQUEST -> LoopbackJudgeServer.send(ex, 400, LoopbackJudgeServer.error("invalid_request_error", "bad request (injected)"), null);
      case DELAY -> {
        sleep(fault.delay());
        return false;
      }
      case RESET -> ex.close();
      case SLOW_BODY -> {
        byte[] body = forward(ex, raw).body();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
          for (byte b : body) {
            out.write(b);
            out.flush();
            sleep(fault.delay());
          }
        }
      }
      case HUGE_BODY -> {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
          byte[] chunk = new byte[1 << 16];
          Arrays.fill(chunk, (byte) ' ');
          for (int i = 0; i < 1024; i++) {
            out.write(chunk);
          }
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private record Relayed(int status, byte[] body) {}

  /** The answering server's answer to the same request. */
  private Relayed forward(HttpExchange ex, byte[] raw) throws IOException {
    URI base = answers.baseUrl();
    URI target = base.resolve(ex.getRequestURI().getRawPath());
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(1))
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(raw))
        .header("Content-Type", "application/json");
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> r = relay.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Relayed(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while relaying to " + target, e);
    }
  }

  private static void sleep(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    answers.close();
  }

  @Override
  public String toString() {
    return "FaultyJudgeServer[" + baseUrl() + " -> " + answers.baseUrl() + "]";
  }
}
