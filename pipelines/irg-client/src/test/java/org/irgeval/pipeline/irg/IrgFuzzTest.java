package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.Prompt;
import org.irgeval.testkit.BenchmarkFuzzTest.FuzzMutations;
import org.irgeval.util.Json;

/**
 * IRG server answers (the {@code /v1/trajectory} 200 body and error bodies, through the real client against a
 * loopback server), presets read from JSON, and the irg pipeline's option values (docs/fuzzing.md).
 */
class IrgFuzzTest {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final AtomicReference<byte[]> BODY = new AtomicReference<>(new byte[0]);
  private static final AtomicInteger STATUS = new AtomicInteger(200);
  private static HttpServer server;
  private static Pipeline pipeline;
  private static Path dataDir;
  private static String png;

  private static synchronized Pipeline pipeline() throws Exception {
    if (pipeline != null) {
      return pipeline;
    }
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", out);
    png = Base64.getEncoder().encodeToString(out.toByteArray());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] health = ("{\"status\":\"ok\",\"protocol\":\"irg-eval/1\",\"model\":{\"name\":\"fuzz\"},\"modes\":[\"plain\"],"
        + "\"device\":\"cpu\",\"simulator\":true,\"queue\":{\"capacity\":4,\"depth\":0}}").getBytes(StandardCharsets.UTF_8);
    server.createContext("/v1/health", ex -> {
      ex.sendResponseHeaders(200, health.length);
      ex.getResponseBody().write(health);
      ex.close();
    });
    server.createContext("/v1/trajectory", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
      }
      byte[] b = BODY.get();
      ex.sendResponseHeaders(STATUS.get(), b.length == 0 ? -1 : b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    dataDir = Files.createTempDirectory("fuzz-irg");
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("data_dir", dataDir.toString());
    opts.put("max_attempts", "1");
    opts.put("backoff_ms", "0");
    opts.put("max_backoff_ms", "0");
    opts.put("take_out_after", "2000000000");
    opts.put("request_timeout_s", "30");
    // this test is about reading arbitrary bodies; checkpoint identity per answer is IrgAnswerIdentityTest's
    opts.put("allow_mixed_checkpoints", "true");
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    pipeline = new IrgPipelineProvider().open(new PipelineConfig(List.of(uri), "bagel-plain", 1, 1, opts, dataDir,
        null, b -> Optional.empty()));
    return pipeline;
  }

  @AfterContainer
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
      server.stop(0);
      Files.deleteIfExists(dataDir);
      pipeline = null;
    }
  }

  private static String valid(GenerationRequest req) {
    return "{\"id\":\"" + req.id() + "\",\"seed\":" + req.seed() + ",\"model\":{\"name\":\"irg\",\"checkpoint\":\"c.pt\"},"
        + "\"simulator\":true,\"turns\":[{\"text\":\"<think>a cat</think>\",\"image_png_base64\":\"" + png + "\","
        + "\"timings_ms\":{\"text\":3,\"image\":12},\"tokens\":{\"text\":7}}]}";
  }

  private static GenerationRequest request(long seed) {
    Prompt p = new Prompt("00001", 1, "a photo of a cat", "single_object", JsonNodeFactory.instance.objectNode());
    return new GenerationRequest(GenerationRequest.idOf("geneval", "00001", 0), "geneval", p, 0, seed, 1);
  }

  @Property(seed = "1507", shrinking = ShrinkingMode.OFF)
  void trajectoryAnswersAreAGenerationOrATrajectoryFailure(@ForAll long seed) throws Exception {
    Pipeline p = pipeline();
    Random rnd = new Random(seed);
    GenerationRequest req = request(seed);
    FuzzMutations.Mutant m = FuzzMutations.mutate(valid(req).getBytes(StandardCharsets.UTF_8), "answer.json", rnd);
    int[] statuses = {200, 200, 200, 200, 200, 200, 400, 429, 500, 503, 507};
    int status = statuses[rnd.nextInt(statuses.length)];
    BODY.set(m.bytes());
    STATUS.set(status);
    try {
      Generation g = p.generate(req);
      assertEquals(200, status);
      assertEquals(1, g.turns().size());
    } catch (TrajectoryFailedException e) {
      assertTrue(e.getMessage() != null && e.getMessage().contains(req.id()), e.getMessage());
    } catch (RuntimeException e) {
      throw new AssertionError("uncaught " + e + " for HTTP " + status + " " + m.describe(), e);
    }
  }

  /** Found by the fuzzer: a null timing or token count ({@code "image": null}) was a NullPointerException. */
  @Example
  void nullCountsAreLeftOutNeverACrash() throws Exception {
    Pipeline p = pipeline();
    STATUS.set(200);
    GenerationRequest req = request(5);
    BODY.set(("{\"id\":\"" + req.id() + "\",\"turns\":[{\"image_png_base64\":\"" + png + "\",\"timings_ms\":"
        + "{\"image\":null,\"text\":4},\"tokens\":{\"text\":null}}]}").getBytes(StandardCharsets.UTF_8));
    Generation g = p.generate(req);
    assertEquals(Map.of("text", 4L), g.turns().get(0).timingsMs());
    assertEquals(Map.of(), g.turns().get(0).tokens());
  }

  /** A 200 answer {@code null} or a turn {@code null} is an invalid answer. */
  @Example
  void nullAnswersAreInvalidAnswers() throws Exception {
    Pipeline p = pipeline();
    STATUS.set(200);
    GenerationRequest req = request(5);
    for (String body : List.of("null", "{\"id\":\"" + req.id() + "\",\"turns\":[null]}")) {
      BODY.set(body.getBytes(StandardCharsets.UTF_8));
      try {
        p.generate(req);
        throw new AssertionError("accepted " + body);
      } catch (TrajectoryFailedException e) {
        assertTrue(e.getMessage().contains("invalid /v1/trajectory answer"), e.getMessage());
      }
    }
  }

  @Property(seed = "1508", shrinking = ShrinkingMode.OFF)
  void presetsFromBrokenJsonAreRefusedByJacksonOrTheConstructor(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    String name = Preset.NAMES.get(rnd.nextInt(Preset.NAMES.size()));
    byte[] valid;
    try (InputStream in = Preset.class.getResourceAsStream("/presets/" + name + ".json")) {
      valid = in.readAllBytes();
    }
    FuzzMutations.Mutant m = FuzzMutations.mutate(valid, name + ".json", rnd);
    try {
      JsonNode tree = MAPPER.readTree(m.bytes());
      Preset preset = MAPPER.treeToValue(tree, Preset.class);
      if (preset != null) {
        Preset.uncitedValues(tree, preset.sources());
        preset.turnParamsFor(preset.defaultTurns());
      }
    } catch (JsonProcessingException e) {
      // Jackson's refusal, also of a constructor exception (the constructor NPEs on a missing mode or turn_params:
      // shipped presets only, see docs/fuzzing.md)
      assertNotNull(e.getMessage());
    } catch (IOException e) {
      // invalid UTF-8 and the like: Jackson's own read error
    } catch (IllegalArgumentException e) {
      // documented: Preset's checks (turns, sizes, mode)
    } catch (RuntimeException e) {
      throw new AssertionError("uncaught " + e + " after " + m.describe(), e);
    }
  }

  @Property(seed = "1509", shrinking = ShrinkingMode.OFF)
  void everyOptionValueTheCheckAcceptsIsReadExactly(@ForAll long seed) {
    Random rnd = new Random(seed);
    OptionSpec spec = IrgOptions.SPECS.get(1 + rnd.nextInt(IrgOptions.SPECS.size() - 1)); // the numeric ones
    if (spec.type() == OptionSpec.Type.TEXT) {
      return;
    }
    String[] values = {"0", "1", "-1", "2147483647", "2147483648", "4294967297", "9223372036854775807",
        "9223372036854775808", "1e3", " 7 ", "", "abc", "+5", "0x10", "NaN", "3.0", "-0", "99999999999999999999",
        Long.toString(rnd.nextLong()), Integer.toString(rnd.nextInt(100_000))};
    String v = values[rnd.nextInt(values.length)];
    String problem = spec.problem(v);
    if (problem != null) {
      return;
    }
    try {
      IrgOptions o = IrgOptions.parse(Map.of(spec.key(), v), null);
      long n = Long.parseLong(v.trim());
      RetryPolicy r = o.retry();
      long read = switch (spec.key()) {
        case "max_attempts" -> r.maxAttempts();
        case "backoff_ms" -> r.baseBackoff().toMillis();
        case "max_backoff_ms" -> r.maxBackoff().toMillis();
        case "take_out_after" -> r.takeOutAfter();
        case "cooldown_ms" -> r.cooldown().toMillis();
        case "max_cooldown_ms" -> r.maxCooldown().toMillis();
        case "endpoint_wait_s" -> r.endpointWait().toSeconds();
        case "connect_timeout_s" -> o.connectTimeout().toSeconds();
        case "health_timeout_s" -> o.healthTimeout().toSeconds();
        case "request_timeout_s" -> o.requestTimeout().toSeconds();
        default -> n;
      };
      assertEquals(n, read, spec.key() + "=" + v + " was read as " + read);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage()); // documented: a value out of range, or max < base for the backoff pairs
    }
  }

  /** Found by the fuzzer: max_attempts=4294967297 passed the check and was read as 1. */
  @Example
  void intOptionsBeyondIntAreRefused() {
    try {
      IrgOptions.parse(Map.of("max_attempts", "4294967297"), null);
      throw new AssertionError("wrapped");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("max_attempts"), e.getMessage());
    }
  }

  @Property(seed = "1510", shrinking = ShrinkingMode.OFF)
  void optionProblemsNeverThrow(@ForAll String value, @ForAll OptionSpec.Type type) {
    OptionSpec spec = type == OptionSpec.Type.CHOICE ? OptionSpec.choice("k", "d", "a", "b")
        : OptionSpec.of("k", type, "d");
    String problem = spec.problem(value);
    if (value == null || value.trim().isEmpty()) {
      assertEquals("is empty", problem);
    } else if (problem == null && type == OptionSpec.Type.FRACTION) {
      double d = Double.parseDouble(value.trim());
      assertTrue(d >= 0 && d <= 1);
    }
    assertNull(type == OptionSpec.Type.TEXT && !value.trim().isEmpty() ? problem : null);
  }
}
