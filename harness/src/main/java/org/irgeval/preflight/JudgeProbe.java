package org.irgeval.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.irgeval.download.Downloader;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.util.Json;

/**
 * One tiny chat-completions request to the judge before any work: a white 8x8 image and "Answer with one word:
 * yes or no.", {@code max_tokens} 1, and {@code logprobs} when a scorer reads them. It proves, in seconds, that the
 * URL answers, that the key (from the named environment variable) is accepted, that the model exists, that it takes
 * an image, and that the reply has the shape the scorers parse. A transient answer (a reset or cut connection, HTTP
 * 429 or 5xx, a 200 whose body is not JSON) is asked again up to the run's {@code --judge-retries}, as the run itself
 * would: a judge that drops one request must not stop a run before it starts; a refused key, a closed port, a
 * timeout or a reply of the wrong shape fails at once.
 */
public final class JudgeProbe {
  /** The connection wait; a closed port answers at once, an unroutable host takes this long. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The whole request: one token from a warm server takes well under a second. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final ObjectMapper mapper = Json.mapper();
  private final java.util.function.Function<String, String> env;

  /** @param env reads an environment variable (the key); {@code System::getenv} outside tests */
  public JudgeProbe(java.util.function.Function<String, String> env) {
    this.env = env;
  }

  /** Probes {@code model} at {@code cfg}'s URL, asking again after a transient answer; never throws. */
  public CheckResult probe(JudgeConfig cfg, String model, boolean logprobs) {
    long t0 = System.nanoTime();
    Attempt a = attempt(cfg, model, logprobs, t0);
    for (int retry = 1; a.transientFailure() && retry <= cfg.maxRetries(); retry++) {
      a = attempt(cfg, model, logprobs, t0);
    }
    return a.result();
  }

  /** One request's outcome; {@code transientFailure}: worth asking again (the run's retries would). */
  private record Attempt(CheckResult result, boolean transientFailure) {}

  private Attempt attempt(JudgeConfig cfg, String model, boolean logprobs, long t0) {
    URI uri = cfg.chatCompletionsUri();
    String key = cfg.apiKeyEnv() == null ? null : env.apply(cfg.apiKeyEnv());
    String name = "judge " + model + (logprobs ? " (logprobs)" : "");
    try {
      ObjectNode body = mapper.createObjectNode();
      body.put("model", model);
      ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
      content.addObject().put("type", "image_url").putObject("image_url").put("url", "data:image/png;base64,"
          + Base64.getEncoder().encodeToString(whitePng()));
      content.addObject().put("type", "text").put("text", "Answer with one word: yes or no.");
      body.put("max_tokens", 1);
      body.put("temperature", 0.0);
      if (logprobs) {
        body.put("logprobs", true);
        body.put("top_logprobs", 5);
      }
      HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
      if (key != null && !key.isBlank()) {
        req.header("Authorization", "Bearer " + key.strip());
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = redact(r.body(), key);
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        return done(result(name, CheckResult.Status.FAIL, uri + " refused the key (HTTP " + r.statusCode() + "; "
            + (key == null || key.isBlank() ? "$" + cfg.apiKeyEnv() + " is not set" : "from $" + cfg.apiKeyEnv())
            + "): " + snippet(text), t0));
      }
      if (r.statusCode() == 429 || r.statusCode() >= 500) {
        // reachable, key not refused; busy or failing now: the run's bounded retries deal with that
        return again(result(name, CheckResult.Status.WARN, uri + " answered HTTP " + r.statusCode() + " (busy or"
            + " failing now; the run retries such answers): " + snippet(text), t0));
      }
      if (r.statusCode() != 200) {
        return done(result(name, CheckResult.Status.FAIL, uri + " answered HTTP " + r.statusCode() + " to a one-token"
            + " request for model " + model + ": " + snippet(text), t0));
      }
      JsonNode n;
      try {
        n = mapper.readTree(r.body());
      } catch (IOException e) {
        return again(result(name, CheckResult.Status.FAIL, uri + " answered 200 but not JSON: " + snippet(text), t0));
      }
      JsonNode choice = n.path("choices").path(0);
      if (!choice.path("message").has("content")) {
        return done(result(name, CheckResult.Status.FAIL, uri + " answered 200 but not a chat completion (no"
            + " choices[0].message.content): " + snippet(text), t0));
      }
      if (logprobs && choice.path("logprobs").path("content").path(0).path("top_logprobs").size() == 0) {
        return done(result(name, CheckResult.Status.FAIL, uri + " answered without choices[0].logprobs.content[0]"
            + ".top_logprobs, which the scorer reads (P(\"Yes\")): serve a model with logprobs (vLLM does; check the"
            + " provider's docs)", t0));
      }
      String answer = choice.path("message").path("content").asText();
      return done(result(name, CheckResult.Status.OK, uri + " answered '" + redact(answer, key) + "' as "
          + n.path("model").asText(model) + (logprobs ? " with top logprobs" : ""), t0));
    } catch (ConnectException | HttpTimeoutException e) {
      // nothing listens there, or nothing answered within the timeouts: asking again would only delay the verdict
      return done(result(name, CheckResult.Status.FAIL, uri + " unreachable: " + Downloader.cause(e), t0));
    } catch (IOException e) {
      return again(result(name, CheckResult.Status.FAIL, uri + " unreachable: " + Downloader.cause(e), t0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return done(result(name, CheckResult.Status.FAIL, uri + ": interrupted", t0));
    }
  }

  /** A final outcome, OK or not: nothing to ask again. */
  private static Attempt done(CheckResult r) {
    return new Attempt(r, false);
  }

  private static Attempt again(CheckResult r) {
    return new Attempt(r, true);
  }

  private static CheckResult result(String name, CheckResult.Status s, String message, long t0) {
    return new CheckResult(name, s, message, (System.nanoTime() - t0) / 1_000_000);
  }

  private static String redact(String text, String key) {
    String t = text == null ? "" : text;
    return key == null || key.strip().length() < 8 ? t : t.replace(key.strip(), "[redacted]");
  }

  private static String snippet(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  private static byte[] whitePng() throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
