package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.irgeval.api.JudgeException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Scorer;
import org.irgeval.api.ComputeDevice;
import org.irgeval.api.ScorerContext;
import org.irgeval.run.PlumbingLabel;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.api.VariantSummary;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.scoring.judge.LoopbackJudgeServer.Answer;
import org.irgeval.testkit.FaultyJudgeServer.Fault;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;
import org.irgeval.testkit.FaultyJudgeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wise-judge and wise-plumbing through the real client against a loopback OpenAI-protocol server. */
class WiseJudgeScorerTest {
  @TempDir
  Path tmp;

  static byte[] png(int seed) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, (seed * 2654435761L + x * 31 + y) > 0 ? (int) (seed * 7919L + x * 97 + y * 13) : 0);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private OpenAiJudgeFactory factory(URI judge, int retries, String model) {
    return new OpenAiJudgeFactory(new JudgeConfig(judge, model, null, 4, 0, retries,
        Duration.ofSeconds(10), null, null), tmp.resolve("cache"), name -> null, Duration.ofMillis(5));
  }

  private ScorerContext context(PromptSet prompts, OpenAiJudgeFactory f) {
    return new ScorerContext(WiseTestData.dataDir(), Map.of(), tmp.resolve("scorer"), Optional.ofNullable(f),
        prompts, 16, ComputeDevice.CPU);
  }

  private ScoringInput input(Prompt p, int seed) throws Exception {
    Path img = tmp.resolve("img").resolve(p.id() + ".png");
    Files.createDirectories(img.getParent());
    if (!Files.exists(img)) {
      Files.write(img, png(seed));
    }
    return new ScoringInput(p, 0, "reflection", img, null);
  }

  @Test
  void legacySendsTheVerbatimOfficialRequestAndParsesTheReply() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(
        r -> Answer.text("Here you go:\n**Consistency**: 2\n**Realism**\uFF1A1\nAesthetic Quality: 0\nThanks!"))) {
      Scorer scorer = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, null)));
      ScoringInput in = input(s.prompts().get(0), 1);
      ScoreOutcome o = scorer.score(in);
      assertNull(o.error());
      assertEquals(Map.of("consistency", 2.0, "realism", 1.0, "aesthetic_quality", 0.0),
          Map.of("consistency", o.values().get("consistency"), "realism", o.values().get("realism"),
              "aesthetic_quality", o.values().get("aesthetic_quality")));
      // WiScore = (0.7*2 + 0.2*1 + 0.1*0) / 2 = 0.8; in doubles 0.7999999999999999, as in Python.
      assertEquals(0.7999999999999999, o.values().get("wiscore"));
      assertTrue(o.raw().contains("**Consistency**: 2"));

      JsonNode body = server.recentRequests().get(0).body();
      assertEquals("gpt-4o-2024-05-13", body.get("model").asText(), "the WISE repo's pinned snapshot");
      assertEquals(0.0, body.get("temperature").asDouble());
      assertEquals(2000, body.get("max_tokens").asInt());
      Path prompts = WiseTestData.dataDir().resolve("wise/judge_prompts");
      assertEquals(Files.readString(prompts.resolve("legacy_gpt4o_system.txt"), StandardCharsets.UTF_8),
          body.at("/messages/0/content/0/text").asText());
      String expectedUser = Files.readString(prompts.resolve("legacy_gpt4o_user.txt"), StandardCharsets.UTF_8)
          .replace("{Prompt}", "Traditional food of the Mid-Autumn Festival")
          .replace("{Explanation}", s.prompts().get(0).metadata().get("Explanation").asText());
      assertEquals(expectedUser, body.at("/messages/1/content/0/text").asText());
      assertTrue(expectedUser.contains("PROMPT: \"Traditional food of the Mid-Autumn Festival\""));
      assertEquals(List.of(java.util.Arrays.toString(Files.readAllBytes(in.image()))),
          List.of(java.util.Arrays.toString(LoopbackJudgeServer.images(body).get(0))), "raw PNG bytes");
      assertTrue(scorer.fingerprint().contains("model=gpt-4o-2024-05-13"));
      assertTrue(scorer.fingerprint().contains("user_sha256="));
    }
  }

  @Test
  void anUnparseableReplyIsRetriedAndTheRetryIsReplayedFromTheCache() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    AtomicInteger n = new AtomicInteger();
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text(
        n.incrementAndGet() == 1 ? "I'm sorry, I can't help with that." : "Consistency: 1\nRealism: 1\nAesthetic Quality: 1"))) {
      ScoreOutcome o = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, null)))
          .score(input(s.prompts().get(1), 2));
      assertEquals(0.5, o.values().get("wiscore"), 1e-12);
      assertEquals(2, o.detail().get("attempts").size());
      assertEquals(2, server.requests());
      // A rerun (new client, same cache) replays attempt 1 and attempt 2 without HTTP.
      ScoreOutcome again = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, null)))
          .score(input(s.prompts().get(1), 2));
      assertEquals(o.values(), again.values());
      assertEquals(2, server.requests());
      assertTrue(again.detail().at("/attempts/1/cached").asBoolean());
    }
  }

  @Test
  void threeUnparseableRepliesAreAStoredFailureNeverAZero() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("Consistency: two"))) {
      ScoreOutcome o = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, null)))
          .score(input(s.prompts().get(2), 3));
      assertNotNull(o.error());
      assertTrue(o.error().contains("after 3 attempts"), o.error());
      assertTrue(o.values().isEmpty());
      assertEquals(3, server.requests(), "MAX_EXTRACT_RETRIES = 3 (gpt_eval.py l.12)");
    }
  }

  @Test
  void aJudgeThatNeverAnswersIsTransientSoARerunTriesAgain() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    try (FaultyJudgeServer server = FaultyJudgeServer.start(r -> Answer.text("x"),
        (k, r) -> Fault.serverError())) {
      Scorer scorer = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 1, null)));
      JudgeException e = assertThrows(JudgeException.class, () -> scorer.score(input(s.prompts().get(3), 4)));
      assertTrue(e.isTransient());
      assertEquals(6, server.requests(), "3 protocol attempts x (1 try + 1 client retry)");
    }
  }

  @Test
  void withoutAJudgeTheScorerSaysWhatToGive() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    ScorerUnavailableException e = assertThrows(ScorerUnavailableException.class,
        () -> new WiseJudgeScorerProvider().open(context(s, null)));
    assertTrue(e.getMessage().contains("--judge-url") && e.getMessage().contains("gpt-4o-2024-05-13"));
  }

  @Test
  void verifiedUsesItsOwnProtocol() throws Exception {
    PromptSet s = WiseTestData.load("verified");
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(
        r -> Answer.text("<think>hmm, Score: 0?</think>\nScore: 1"))) {
      ScoreOutcome o = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, null)))
          .score(input(s.prompts().get(0), 5));
      assertEquals(Map.of("score", 1.0, "wiscore", 1.0), o.values());
      JsonNode body = server.recentRequests().get(0).body();
      assertEquals("Qwen3.5-35B-A3B", body.get("model").asText());
      assertEquals(500, body.get("max_tokens").asInt());
      assertFalse(body.at("/chat_template_kwargs/enable_thinking").asBoolean(true));
      assertTrue(body.at("/messages/1/content/0/text").asText().endsWith("Return only `Score: 0` or `Score: 1`."));
    }
  }

  @Test
  void theRewriteAblationIsJudgedWithTheOriginalPrompt() throws Exception {
    PromptSet s = new WiseBenchmark().load(WiseTestData.dataDir(), Map.of("prompts", "rewrite"));
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> Answer.text("2\n2\n2"))) {
      ScoreOutcome o = new WiseJudgeScorerProvider().open(context(s, factory(server.baseUrl(), 0, "my-judge")))
          .score(input(s.prompts().get(0), 6));
      assertEquals(1.0, o.values().get("wiscore"), 1e-12);
      String user = server.recentRequests().get(0).body().at("/messages/1/content/0/text").asText();
      assertTrue(user.contains("PROMPT: \"Traditional food of the Mid-Autumn Festival\""), user);
      assertEquals("my-judge", server.recentRequests().get(0).body().get("model").asText(), "--judge-model wins");
      assertTrue(o.detail().get("judge_note").asText().contains("not the official gpt-4o-2024-05-13"));
    }
  }

  /**
   * A judge that fails 10% of calls (every 10th request gets HTTP 500) and garbles the reply for 2 prompts
   * still yields a complete run: all 60 images get an outcome, the 500s are absorbed by client retries, the
   * 2 garbled prompts are counted failures, and a second run over the same cache sends zero requests.
   */
  @Test
  void aFlakyJudgeStillYieldsACompleteRunWithFailuresCounted() throws Exception {
    PromptSet s = WiseTestData.load("legacy").limit(60);
    LoopbackJudgeServer.Answerer answerer = r -> {
      String user = LoopbackJudgeServer.text(r, "user");
      boolean garbled = user.contains(s.prompts().get(7).metadata().get("Explanation").asText())
          || user.contains(s.prompts().get(42).metadata().get("Explanation").asText());
      return Answer.text(garbled ? "The image shows something." : "Consistency: 2\nRealism: 1\nAesthetic Quality: 1");
    };
    try (FaultyJudgeServer server = FaultyJudgeServer.start(answerer,
        (k, r) -> k % 10 == 0 ? Fault.serverError() : Fault.none())) {
      OpenAiJudgeFactory f = factory(server.baseUrl(), 3, null);
      List<ScoredSample> scored = run(s, f);
      assertEquals(60, scored.size());
      VariantSummary v = new WiseBenchmark().aggregate(s, scored);
      assertEquals(2, v.failures());
      assertEquals(58, v.nImages());
      // (0.7*2 + 0.2*1 + 0.1*1) / 2 = 1.7 / 2 = 0.85 for every scored cultural image.
      assertEquals(0.85, v.categories().get("cultural"), 1e-12);
      assertNull(v.overall());
      long sent = server.requests();
      // 58 good prompts x 1 + 2 garbled x 3 attempts = 64 answers, plus one re-send per injected 500.
      assertEquals(64 + server.faultsInjected(), sent);
      assertEquals(server.faultsInjected(), f.usage().retries());
      assertEquals(0, f.usage().failures());

      OpenAiJudgeFactory f2 = factory(server.baseUrl(), 3, null);
      List<ScoredSample> again = run(s, f2);
      assertEquals(sent, server.requests(), "the rerun is answered from the cache: zero HTTP requests");
      assertEquals(0, f2.usage().requests());
      assertEquals(64, f2.usage().cacheHits());
      assertEquals(v.categories(), new WiseBenchmark().aggregate(s, again).categories());
    }
  }

  private List<ScoredSample> run(PromptSet s, OpenAiJudgeFactory f) throws Exception {
    Scorer scorer = new WiseJudgeScorerProvider().open(context(s, f));
    List<ScoredSample> out = new ArrayList<>();
    for (Prompt p : s.prompts()) {
      ScoreOutcome o = scorer.score(input(p, Integer.parseInt(p.id())));
      out.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("wise", p.id(), 0, "reflection", "wise-judge"),
          o.values(), o.detail(), o.raw(), o.error(), 0)));
    }
    return out;
  }

  @Test
  void thePlumbingScorerJudgesThroughTheRealClientAndSaysSo() throws Exception {
    PromptSet s = WiseTestData.load("legacy").limit(3);
    WisePlumbingScorerProvider provider = new WisePlumbingScorerProvider();
    assertTrue(provider.plumbing());
    List<ScoreOutcome> first = new ArrayList<>();
    Scorer scorer = PlumbingLabel.open(provider, context(s, null)); // labelled by the engine, as in a run
    try {
      for (Prompt p : s.prompts()) {
        ScoreOutcome o = scorer.score(input(p, Integer.parseInt(p.id())));
        assertNull(o.error());
        assertTrue(o.detail().get("plumbing").asBoolean());
        assertTrue(o.detail().get("plumbing_note").asText().contains("not a model"));
        assertEquals(org.irgeval.scoring.judge.PlumbingJudge.MODEL, o.detail().get("judge_model").asText());
        assertTrue(o.raw().matches("Consistency: [0-2]\nRealism: [0-2]\nAesthetic Quality: [0-2]"), o.raw());
        first.add(o);
      }
      assertTrue(scorer.fingerprint().contains("plumbing"));
    } finally {
      scorer.close();
    }
    Scorer again = provider.open(context(s, null));
    try {
      for (int i = 0; i < 3; i++) {
        Prompt p = s.prompts().get(i);
        assertEquals(first.get(i).values(), again.score(input(p, Integer.parseInt(p.id()))).values(),
            "deterministic: derived from the image bytes");
      }
    } finally {
      again.close();
    }
  }
}
