package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScoringInput;
import org.irgeval.pipeline.reference.MistakeModel;
import org.irgeval.pipeline.reference.ReferencePipeline;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.scoring.judge.LoopbackJudgeServer.Answer;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** genai-bench-judge and genai-bench-plumbing through the real client against loopback OpenAI-protocol servers. */
class GenAiVqaJudgeScorerTest {
  @TempDir
  Path tmp;

  private static Answer logprobs(String content, Object... tokenThenLogprob) {
    Map<String, Double> top = new LinkedHashMap<>();
    for (int i = 0; i < tokenThenLogprob.length; i += 2) {
      top.put((String) tokenThenLogprob[i], (Double) tokenThenLogprob[i + 1]);
    }
    return new Answer(content, List.of(top), null, 1);
  }

  private OpenAiJudgeFactory factory(LoopbackJudgeServer server) {
    return new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), null, null, 4, 0, 0, Duration.ofSeconds(10), null,
        null), tmp.resolve("cache"), name -> null, Duration.ofMillis(5));
  }

  private ScorerContext context(PromptSet s, OpenAiJudgeFactory f, Map<String, String> opts) {
    return new ScorerContext(tmp, opts, tmp.resolve("scorer"), Optional.ofNullable(f), s, 1, org.irgeval.api.ComputeDevice.CPU);
  }

  private ScoringInput input(Prompt p) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0x123456 * (p.index() + 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    Path f = tmp.resolve("img-" + p.id() + ".png");
    Files.write(f, out.toByteArray());
    return new ScoringInput(p, 0, "reflection", f, null);
  }

  private ScoreOutcome score(Answer a, String rule) throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> a)) {
      Scorer scorer = new GenAiBenchJudgeScorerProvider().open(context(s, factory(server),
          rule == null ? Map.of() : Map.of("rule", rule)));
      ScoreOutcome o = scorer.score(input(s.prompts().get(0)));
      JsonNode body = server.recentRequests().get(0).body();
      assertEquals("gpt-4o", body.get("model").asText());
      assertEquals(1, body.get("messages").size(), "one user message, no system message");
      assertEquals("user", body.at("/messages/0/role").asText());
      String expected = rule != null && rule.equals("exact-yes-2025-02")
          ? "Does this figure show \"A red apple to the left of a blue cup.\"? Please answer yes or no."
          : "Does this figure show \"A red apple to the left of a blue cup.\"? Please answer Yes or No.";
      assertEquals(expected, body.at("/messages/0/content/0/text").asText());
      assertEquals("image_url", body.at("/messages/0/content/1/type").asText());
      assertTrue(body.get("logprobs").asBoolean());
      assertEquals(20, body.get("top_logprobs").asInt());
      if (rule == null) {
        assertEquals(1, body.get("max_tokens").asInt());
      }
      return o;
    }
  }

  @Test
  void capitalisedYes() throws Exception {
    ScoreOutcome o = score(logprobs("Yes", "Yes", -0.1053605156578263, "No", -2.3025850929940455), null);
    assertEquals(0.9, o.values().get("vqascore"), 1e-12);
  }

  @Test
  void spacedLowerCaseYes() throws Exception {
    ScoreOutcome o = score(logprobs("Yes", "No", -1.6094379124341003, " yes", -0.2231435513142097), null);
    assertEquals(0.8, o.values().get("vqascore"), 1e-12, "' yes' strips and lower-cases to yes");
  }

  @Test
  void upperCaseYes() throws Exception {
    assertEquals(0.7, score(logprobs("YES", "YES", -0.35667494393873245, "NO", -1.2), null).values().get("vqascore"),
        1e-12);
  }

  @Test
  void onlyNoGivesOneMinusItsProbability() throws Exception {
    ScoreOutcome o = score(logprobs("No", "No", -0.05129329438755058, "I", -3.5, "The", -4.0), null);
    assertEquals(1 - 0.95, o.values().get("vqascore"), 1e-12);
  }

  @Test
  void neitherInTheTopTwentyIsZero() throws Exception {
    Object[] toks = new Object[40];
    for (int i = 0; i < 20; i++) {
      toks[2 * i] = "tok" + i;
      toks[2 * i + 1] = -0.5 - i;
    }
    ScoreOutcome o = score(logprobs("tok0", toks), null);
    assertEquals(0.0, o.values().get("vqascore"));
    assertTrue(o.detail().get("neither_in_top").asBoolean());
  }

  @Test
  void severalYesSpellingsFollowTheChosenRule() throws Exception {
    Answer a = logprobs("Yes", "Yes", -0.1053605156578263, "yes", -3.0, "No", -2.5);
    assertEquals(0.9, score(a, null).values().get("vqascore"), 1e-12, "first-yes: the best yes");
    assertEquals(Math.exp(-3.0), score(a, "v3.1-last-match").values().get("vqascore"), 1e-12,
        "t2v_metrics@6ecb74f l.185-190: the last match overwrites");
    Answer lower = logprobs("yes", "yes", -0.2, "No", -2.5);
    assertEquals(0.0, score(lower, "exact-yes-2025-02").values().get("vqascore"), "only the token \"Yes\" counted");
  }

  @Test
  void aReplyWithoutLogprobsIsAskedAgainThenAFailure() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("Yes"))) {
      ScoreOutcome o = new GenAiBenchJudgeScorerProvider().open(context(s, factory(server), Map.of()))
          .score(input(s.prompts().get(1)));
      assertNotNull(o.error());
      assertTrue(o.values().isEmpty());
      assertEquals(2, server.requests());
    }
  }

  /**
   * The plumbing scorer answers from the drawing: over the demo prompts and a few seeds, the reference pipeline's
   * reflection (turn 2) never scores lower on average than turn 1 and raises at least one prompt.
   */
  @Test
  void thePlumbingScoreFollowsTheReflection() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    GenAiBenchBenchmark b = new GenAiBenchBenchmark();
    ReferencePipeline pipe = new ReferencePipeline(new MistakeModel(0.5, 0.0), 1, 0, id -> b.sceneHints(tmp));
    GenAiBenchPlumbingScorerProvider provider = new GenAiBenchPlumbingScorerProvider();
    assertTrue(provider.plumbing());
    double t1 = 0;
    double t2 = 0;
    int raised = 0;
    List<ScoreOutcome> all = new ArrayList<>();
    try (Scorer scorer = org.irgeval.run.PlumbingLabel.open(provider, context(s, null, Map.of()))) {
      for (long seed = 1; seed <= 3; seed++) {
        for (Prompt p : s.prompts()) {
          Generation g = pipe.generate(new GenerationRequest("x", "genai-bench", p, 0, seed, 2));
          double[] v = new double[2];
          for (int t = 0; t < 2; t++) {
            Path f = tmp.resolve("g-" + seed + "-" + p.id() + "-" + t + ".png");
            Files.write(f, g.turns().get(t).png());
            ScoreOutcome o = scorer.score(new ScoringInput(p, 0, t == 0 ? "no-reflection" : "reflection", f, null));
            assertTrue(o.detail().get("plumbing").asBoolean());
            all.add(o);
            v[t] = o.values().get("vqascore");
          }
          t1 += v[0];
          t2 += v[1];
          raised += v[1] > v[0] ? 1 : 0;
        }
      }
      assertTrue(scorer.fingerprint().contains("plumbing"));
    }
    assertTrue(raised > 0, "some reflection fixed a mistake");
    assertTrue(t2 > t1, "turn 2 " + t2 + " vs turn 1 " + t1);
    assertFalse(all.isEmpty());
  }
}
