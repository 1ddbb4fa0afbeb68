package org.irgeval.benchmarks.genaibench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.genaibench.GenAiBenchDjlScorerProvider;
import org.irgeval.run.Registry;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring path end to end on the tiny random TorchScript model of make_fixtures.py: image file -> Java
 * pre-processing -> DJL tokenizer -> export forward on DJL -> exp(-mean CE); the same numbers as torch in Python.
 */
class GenAiVqaDjlScorerTest {
  static Path fixtures;
  static JsonNode expected;
  @TempDir
  Path tmp;

  @BeforeAll
  static void load() throws Exception {
    fixtures = Path.of(GenAiVqaDjlScorerTest.class.getResource("/fixtures/clipt5/expected.json").toURI()).getParent();
    expected = Json.mapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  Scorer open(Map<String, String> opts) throws Exception {
    return new GenAiBenchDjlScorerProvider().open(new ScorerContext(tmp, opts, tmp.resolve("scorer"), Optional.empty(),
        null, 1, org.irgeval.api.ComputeDevice.CPU));
  }

  Map<String, String> opts() {
    Map<String, String> o = new HashMap<>();
    o.put("model", fixtures.resolve("tiny_clip_flant5.pt").toString());
    o.put("tokenizer", fixtures.resolve("tiny_t5_tokenizer.json").toString());
    return o;
  }

  static Prompt prompt(String text) {
    return new Prompt("00001", 0, text, "basic", Json.mapper().createObjectNode());
  }

  @Test
  void scoresMatchTorch() throws Exception {
    try (Scorer s = open(opts())) {
      assertEquals(1, s.concurrency());
      assertTrue(s.fingerprint().contains("tiny_clip_flant5.pt@sha256:"), s.fingerprint());
      assertTrue(s.fingerprint().contains("variant=clip-flant5-xxl"));
      for (String prompt : new String[] {"a red dog", "a zebra"}) {
        for (String image : new String[] {"wide.png", "tall.png"}) {
          double want = expected.get("prompts").get(prompt).get("scores").get(image).asDouble();
          ScoreOutcome o = s.score(new ScoringInput(prompt(prompt), 0, "reflection", fixtures.resolve(image), null));
          assertNull(o.error());
          double got = o.values().get("vqascore");
          assertEquals(want, got, want * 1e-5, prompt + " / " + image);
          assertEquals(2, o.detail().get("label_logprobs").size());
          assertEquals(Math.exp((o.detail().get("label_logprobs").get(0).asDouble()
              + o.detail().get("label_logprobs").get(1).asDouble()) / 2), got, got * 1e-9);
        }
      }
      ScoreOutcome bad = s.score(new ScoringInput(prompt("an <image> token"), 0, "reflection",
          fixtures.resolve("wide.png"), null));
      assertNotEquals(null, bad.error());
    }
  }

  @Test
  void scoreIsTheGeometricMeanOfTheLabelProbabilities() {
    float[][] logits = {{0f, (float) Math.log(3), 0f}, {(float) Math.log(2), 0f, 0f}};
    // P(label 1 | row 0) = 3/5, P(label 0 | row 1) = 2/4
    assertEquals(Math.sqrt(0.6 * 0.5), ClipFlanT5Model.vqaScore(logits, new long[] {1, 0}), 1e-7);
    assertThrows(IllegalArgumentException.class, () -> ClipFlanT5Model.vqaScore(logits, new long[] {1}));
  }

  @Test
  void unavailableWithoutModelOrTokenizer() {
    ScorerUnavailableException e = assertThrows(ScorerUnavailableException.class, () -> open(Map.of()));
    assertTrue(e.getMessage().contains("model=") && e.getMessage().contains("tokenizer=")
        && e.getMessage().contains("export_clip_flant5.py"), e.getMessage());
    Map<String, String> o = opts();
    o.put("tokenizer", tmp.resolve("missing.json").toString());
    assertThrows(ScorerUnavailableException.class, () -> open(o));
  }

  @Test
  void registeredAndOptionsDeclared() throws Exception {
    var p = Registry.discover().scorersFor("genai-bench").stream()
        .filter(x -> x.id().equals(GenAiBenchDjlScorerProvider.ID)).findFirst().orElseThrow();
    // device is the harness's shared option (OptionCheck.DEVICE), not this provider's
    assertEquals(java.util.List.of("model", "tokenizer", "variant"),
        p.options().stream().map(org.irgeval.api.OptionSpec::key).toList());
    // the former ids (genai-vqa-*) still name the renamed providers
    Registry r = Registry.discover();
    assertEquals(GenAiBenchDjlScorerProvider.ID, r.chooseScorer("genai-bench", "genai-vqa-djl", false, false)
        .orElseThrow().id());
    assertEquals("genai-bench-judge", r.chooseScorer("genai-bench", "genai-vqa-judge", false, false).orElseThrow().id());
    assertEquals("genai-bench-recorded", r.chooseScorer("genai-bench", "genai-vqa-import", false, false).orElseThrow()
        .id());
    assertTrue(Files.isRegularFile(fixtures.resolve("make_fixtures.py")));
    ObjectNode unused = Json.mapper().createObjectNode();
    assertEquals(0, unused.size());
  }
}
