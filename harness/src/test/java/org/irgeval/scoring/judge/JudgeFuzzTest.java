package org.irgeval.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.irgeval.api.JudgeReply;
import org.irgeval.testkit.BenchmarkFuzzTest.FuzzMutations;
import org.irgeval.util.Json;

/** The judge client's response parsing ({@link ChatResponses}) and cache reading ({@link JudgeCache#get}). */
class JudgeFuzzTest {
  private static final ObjectMapper MAPPER = Json.mapper();
  static final String[] BODIES = {
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"Consistency: 2\\nRealism: 1\\nAesthetic Quality: 2\"},\"logprobs\":{\"content\":[{\"token\":"
          + "\"Yes\",\"logprob\":-0.01,\"top_logprobs\":[{\"token\":\"Yes\",\"logprob\":-0.01},{\"token\":\"No\","
          + "\"logprob\":-4.6}]}]},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":812,\"completion_tokens\":9}}",
      "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Score: 1\"},{\"type\":\"image_url\"}]}}]}",
      "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"no\"}}],\"usage\":{}}",
      "{\"error\":{\"message\":\"rate limited\",\"code\":429}}"};

  @Property(seed = "1504", shrinking = ShrinkingMode.OFF)
  void chatResponsesParseOrSayMalformed(@ForAll long seed) {
    Random rnd = new Random(seed);
    byte[] valid = BODIES[rnd.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
    FuzzMutations.Mutant m = FuzzMutations.mutate(valid, "response.json", rnd);
    if (rnd.nextInt(3) == 0) {
      m = FuzzMutations.mutate(m.bytes(), "response.json", rnd);
    }
    ChatResponses parser = new ChatResponses(MAPPER);
    try {
      JudgeReply r = parser.parse(m.bytes());
      assertNotNull(r.text());
      assertEquals(r.tokenLogprobs().isEmpty() ? Map.of() : r.tokenLogprobs().get(0), r.firstTokenTopLogprobs());
    } catch (ChatResponses.MalformedResponseException e) {
      assertNotNull(e.getMessage());
    } catch (RuntimeException e) {
      throw new AssertionError("uncaught " + e + " after " + m.describe(), e);
    }
  }

  @Property(seed = "1505", shrinking = ShrinkingMode.OFF)
  void arbitraryBytesAreMalformedNeverACrash(@ForAll byte[] body) {
    try {
      new ChatResponses(MAPPER).parse(body);
    } catch (ChatResponses.MalformedResponseException e) {
      assertNotNull(e.getMessage());
    }
  }

  @Property(seed = "1506", shrinking = ShrinkingMode.OFF)
  void brokenCacheEntriesAreMissesNeverErrors(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    Path dir = Files.createTempDirectory("fuzz-cache");
    try {
      JudgeCache cache = new JudgeCache(dir, MAPPER);
      ObjectNode key = MAPPER.createObjectNode().put("model", "gpt-4o-2024-05-13").put("salt", 0);
      key.putArray("messages").addObject().put("role", "user").put("content", "question " + seed);
      String hash = cache.hash(key);
      cache.put(hash, key, new JudgeReply("Yes", Map.of("Yes", -0.01, "No", -4.6),
          List.of(Map.of("Yes", -0.01, "No", -4.6)), 812, 1, false));
      Path f;
      try (var s = Files.walk(dir)) {
        f = s.filter(Files::isRegularFile).findFirst().orElseThrow();
      }
      FuzzMutations.Mutant m = FuzzMutations.mutate(Files.readAllBytes(f), "entry.json", rnd);
      Files.write(f, m.bytes());
      try {
        Optional<JudgeReply> r = cache.get(hash, key);
        r.ifPresent(reply -> assertTrue(reply.cached()));
      } catch (RuntimeException e) {
        throw new AssertionError("uncaught " + e + " after " + m.describe(), e);
      }
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
