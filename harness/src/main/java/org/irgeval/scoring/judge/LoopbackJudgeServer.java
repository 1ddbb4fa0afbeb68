package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.irgeval.util.Json;

/**
 * A small OpenAI-compatible chat-completions server on the loopback interface (port chosen by the OS). The
 * embedded demo uses it as a <em>plumbing</em> judge (its answers come from a function, not a model), and
 * the tests of every judged benchmark use it as the judge. It answers every request; the tests that need faults
 * (429, 500, delays, malformed or huge bodies, resets) put the harness test-jar's {@code testkit.FaultyJudgeServer}
 * in front of one.
 *
 * <p>It answers {@code POST /v1/chat/completions} (and {@code POST /chat/completions}) with the OpenAI response
 * shape: {@code choices[0].message.content}, {@code usage}, and {@code choices[0].logprobs.content} when the
 * request asked for {@code logprobs}.
 */
// Run the JVM with -Dsun.net.httpserver.nodelay=true (the launcher and the tests do): without TCP_NODELAY the JDK
// server's split header/body writes meet delayed ACKs on loopback and every request costs ~40 ms (measured:
// 70 judge calls 4.8 s -> 1.7 s).
public final class LoopbackJudgeServer implements AutoCloseable {
  /**
   * An answer to one request.
   *
   * @param content          the assistant message text
   * @param topLogprobs      per generated token, its top alternatives best first (token -> logprob); null for
   *                         none. Sent only when the request asked for logprobs
   * @param promptTokens     usage.prompt_tokens, or null to estimate (request bytes / 4)
   * @param completionTokens usage.completion_tokens, or null to estimate (content chars / 4, at least 1)
   */
  public record Answer(String content, List<Map<String, Double>> topLogprobs, Integer promptTokens,
                       Integer completionTokens) {
    public static Answer text(String content) {
      return new Answer(content, null, null, null);
    }
  }

  /** Computes the answer from the request JSON (the parsed body). Thrown exceptions become HTTP 500. */
  @FunctionalInterface
  public interface Answerer {
    Answer answer(JsonNode request) throws Exception;
  }

  /** A request as received (kept for the last {@link #KEEP} requests). */
  public record Received(long number, String authorization, JsonNode body) {}

  public static final int KEEP = 64;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper mapper = Json.mapper();
  private final Answerer answerer;
  private final AtomicLong requests = new AtomicLong();
  private final Deque<Received> recent = new ArrayDeque<>();

  private LoopbackJudgeServer(Answerer answerer) throws IOException {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "loopback-judge");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static LoopbackJudgeServer start(Answerer answerer) throws IOException {
    return new LoopbackJudgeServer(answerer);
  }

  /** The OpenAI-style base URL, {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/v1");
  }

  /** Chat-completions requests received so far. */
  public long requests() {
    return requests.get();
  }

  /** The last {@link #KEEP} requests, oldest first. */
  public List<Received> recentRequests() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** The PNG bytes of every {@code data:image/...;base64} image in a request, in message order. */
  public static List<byte[]> images(JsonNode request) {
    List<byte[]> out = new ArrayList<>();
    for (JsonNode msg : request.path("messages")) {
      for (JsonNode part : msg.path("content")) {
        String url = part.path("image_url").path("url").asText("");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && url.substring(0, Math.max(comma, 0)).endsWith(";base64") && comma > 0) {
          out.add(Base64.getDecoder().decode(url.substring(comma + 1)));
        }
      }
    }
    return out;
  }

  /** The text parts of the message with {@code role}, joined by newlines. */
  public static String text(JsonNode request, String role) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode msg : request.path("messages")) {
      if (!role.equals(msg.path("role").asText())) {
        continue;
      }
      JsonNode content = msg.path("content");
      if (content.isTextual()) {
        sb.append(sb.length() > 0 ? "\n" : "").append(content.asText());
      }
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          sb.append(sb.length() > 0 ? "\n" : "").append(part.get("text").asText());
        }
      }
    }
    return sb.toString();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!"POST".equals(ex.getRequestMethod())
          || !(path.equals("/v1/chat/completions") || path.equals("/chat/completions"))) {
        send(ex, 404, error("not_found", "only POST /v1/chat/completions is served here"), null);
        return;
      }
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      long n = requests.incrementAndGet();
      JsonNode body;
      try {
        body = mapper.readTree(raw);
      } catch (IOException e) {
        send(ex, 400, error("invalid_request_error", "body is not JSON"), null);
        return;
      }
      synchronized (recent) {
        recent.addLast(new Received(n, ex.getRequestHeaders().getFirst("Authorization"), body));
        while (recent.size() > KEEP) {
          recent.removeFirst();
        }
      }
      Answer answer;
      try {
        answer = answerer.answer(body);
      } catch (Exception e) {
        send(ex, 500, error("server_error", "answerer failed: " + e), null);
        return;
      }
      send(ex, 200, mapper.writeValueAsBytes(response(n, body, raw.length, answer)), null);
    } catch (IOException clientGone) {
      // The client closed the connection before the answer was written: nothing to answer.
    }
  }

  private ObjectNode response(long n, JsonNode request, int requestBytes, Answer answer) {
    ObjectNode root = mapper.createObjectNode();
    root.put("id", "chatcmpl-loopback-" + n);
    root.put("object", "chat.completion");
    root.put("created", 0);
    root.put("model", request.path("model").asText(""));
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", answer.content());
    if (request.path("logprobs").asBoolean(false) && answer.topLogprobs() != null) {
      ArrayNode content = choice.putObject("logprobs").putArray("content");
      for (Map<String, Double> top : answer.topLogprobs()) {
        ObjectNode tok = content.addObject();
        List<Map.Entry<String, Double>> alts = new ArrayList<>(top.entrySet());
        alts.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        tok.put("token", alts.isEmpty() ? "" : alts.get(0).getKey());
        tok.put("logprob", alts.isEmpty() ? 0.0 : alts.get(0).getValue());
        ArrayNode arr = tok.putArray("top_logprobs");
        int k = request.path("top_logprobs").asInt(alts.size());
        for (int i = 0; i < Math.min(k, alts.size()); i++) {
          arr.addObject().put("token", alts.get(i).getKey()).put("logprob", alts.get(i).getValue());
        }
      }
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", "stop");
    int pt = answer.promptTokens() != null ? answer.promptTokens() : Math.max(1, requestBytes / 4);
    int ct = answer.completionTokens() != null ? answer.completionTokens()
        : Math.max(1, answer.content() == null ? 1 : answer.content().length() / 4);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", pt);
    usage.put("completion_tokens", ct);
    usage.put("total_tokens", pt + ct);
    return root;
  }

  /** An OpenAI-style error body ({@code {"error": {"message", "type"}}}); the fault-injecting test server sends it too. */
  public static byte[] error(String type, String message) throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", message);
    err.put("type", type);
    return Json.mapper().writeValueAsBytes(root);
  }

  /** Sends a JSON body with {@code status} (and {@code Retry-After} when not null). */
  public static void send(HttpExchange ex, int status, byte[] body, String retryAfter) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LoopbackJudgeServer[" + baseUrl() + "]";
  }
}
