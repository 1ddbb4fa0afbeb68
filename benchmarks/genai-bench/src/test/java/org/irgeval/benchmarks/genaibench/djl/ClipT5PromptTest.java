package org.irgeval.benchmarks.genaibench.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The t5_chat prompt and the per-chunk tokenization through DJL's HuggingFace tokenizers, on the tiny T5-shaped
 * tokenizer.json of make_fixtures.py (its expected ids come from a Unigram Viterbi written in Python there).
 */
class ClipT5PromptTest {
  static Path fixtures;
  static JsonNode expected;

  @BeforeAll
  static void load() throws Exception {
    fixtures = Path.of(ClipT5PromptTest.class.getResource("/fixtures/clipt5/expected.json").toURI()).getParent();
    expected = Json.mapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  static long[] ids(JsonNode a) {
    return IntStream.range(0, a.size()).mapToLong(i -> a.get(i).asLong()).toArray();
  }

  @Test
  void promptIsT5ChatWithTheLowerCaseTemplate() {
    assertEquals("A chat between a curious user and an artificial intelligence assistant. The assistant gives"
        + " helpful, detailed, and polite answers to the user's questions. USER: <image>\nDoes this figure show"
        + " \"a red dog\"? Please answer yes or no. ASSISTANT: ", ClipT5Prompt.t5Chat(ClipT5Prompt.question("a red dog")));
    assertEquals(expected.get("prompts").get("a red dog").get("text").asText(),
        ClipT5Prompt.t5Chat(ClipT5Prompt.question("a red dog")));
    // str.format substitutes once; braces in the prompt are text
    assertEquals("Does this figure show \"{x} $1\"? Please answer yes or no.", ClipT5Prompt.question("{x} $1"));
  }

  @Test
  void chunksAreTokenizedOnTheirOwnAsInPython() throws Exception {
    try (T5Tokenizer tok = new T5Tokenizer(fixtures.resolve("tiny_t5_tokenizer.json"))) {
      for (String prompt : new String[] {"a red dog", "a zebra"}) {
        JsonNode e = expected.get("prompts").get(prompt);
        ClipT5Prompt.Tokens t = ClipT5Prompt.tokens(prompt, tok::encode);
        assertArrayEquals(ids(e.get("pre_ids")), t.pre(), prompt + " pre");
        assertArrayEquals(ids(e.get("post_ids")), t.post(), prompt + " post");
        assertArrayEquals(ids(expected.get("labels")), t.labels());
        assertEquals(1, t.pre()[t.pre().length - 1], "each chunk ends with </s>");
        assertEquals(-200, t.inputIds()[t.pre().length]);
        assertFalse(t.truncated());
      }
    }
  }

  @Test
  void aPromptWithAnImageTokenIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClipT5Prompt.tokens("a <image> here", s -> new long[] {1}));
  }

  @Test
  void inputIdsAreCutAtTheContextLength() {
    ClipT5Prompt.Tokens t = ClipT5Prompt.tokens("x", s -> s.startsWith("\n") ? new long[3000] : new long[] {5, 1});
    assertTrue(t.truncated());
    assertEquals(ClipT5Prompt.CONTEXT_LEN, t.inputIds().length);
  }
}
