package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.irgeval.util.Json;

/** The two HTTP calls of the protocol, with every failure turned into an {@link EndpointCallException}. */
final class IrgHttpClient implements AutoCloseable {
  private final HttpClient http;
  private final ObjectMapper json = Json.mapper();
  private final Duration healthTimeout;
  private final Duration requestTimeout;

  IrgHttpClient(Duration connectTimeout, Duration healthTimeout, Duration requestTimeout) {
    // HTTP/1.1 explicitly: the Python server and the simulator speak 1.1, and an h2c upgrade attempt only costs
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    this.healthTimeout = healthTimeout;
    this.requestTimeout = requestTimeout;
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + path);
  }

  HealthAnswer health(URI base) throws EndpointCallException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(resolve(base, "/v1/health")).timeout(healthTimeout).GET().build();
    String body = send(req);
    try {
      return json.readValue(body, HealthAnswer.class);
    } catch (IOException e) {
      throw new EndpointCallException(ErrorCode.INTERNAL, 200, "unreadable /v1/health answer: " + e.getMessage(), e);
    }
  }

  /** Sends the request; returns the raw 200 body. */
  String trajectory(URI base, byte[] requestJson) throws EndpointCallException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(resolve(base, "/v1/trajectory")).timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(requestJson)).build();
    return send(req);
  }

  /**
   * The largest answer read: four 1024² PNG turns in base64 are about 8 MB; this only stops a runaway body from
   * exhausting the JVM (docs/reliability.md).
   */
  static final long MAX_BODY_BYTES = 256L << 20;

  private String send(HttpRequest req) throws EndpointCallException, InterruptedException {
    HttpResponse<byte[]> resp;
    try {
      // The whole exchange, body included, within the request's timeout (HttpRequest.timeout alone covers only the
      // headers: a server trickling its body would hang the run), and no body past MAX_BODY_BYTES.
      resp = org.irgeval.util.BoundedHttp.send(http, req, MAX_BODY_BYTES, req.timeout().orElse(requestTimeout));
    } catch (HttpTimeoutException e) {
      throw new EndpointCallException(ErrorCode.NETWORK, 0, req.uri() + ": timed out after "
          + req.timeout().map(Duration::toString).orElse("?"), e);
    } catch (IOException e) {
      throw new EndpointCallException(ErrorCode.NETWORK, 0, req.uri() + ": " + e, e);
    }
    String body = new String(resp.body(), StandardCharsets.UTF_8);
    if (resp.statusCode() == 200) {
      return body;
    }
    String code = null;
    String message = body;
    try {
      JsonNode err = json.readTree(body).path("error");
      if (err.isObject()) {
        code = err.path("code").asText(null);
        message = err.path("message").asText(message);
      }
    } catch (IOException | RuntimeException ignored) {
      // not our JSON (a proxy's HTML page): classify by status alone, keep the body as the message
    }
    ErrorCode c = ErrorCode.fromAnswer(resp.statusCode(), code);
    String shortMsg = message == null ? "" : message.length() > 500 ? message.substring(0, 500) + "..." : message;
    throw new EndpointCallException(c, resp.statusCode(), req.uri() + ": HTTP " + resp.statusCode() + " "
        + c.wire() + ": " + shortMsg, null);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient is AutoCloseable only from Java 21; on 17 its threads end with the client's GC
  }
}
