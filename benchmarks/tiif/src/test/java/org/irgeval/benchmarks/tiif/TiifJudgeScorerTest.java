package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScoringInput;
import org.irgeval.data.DemoSamples;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TIIF judge call against a loopback judge server, through the real client. */
class TiifJudgeScorerTest {
  @TempDir
  Path tmp;
  Path data;
  PromptSet prompts;
  Prompt negation;
  Path image;

  @BeforeEach
  void demo() throws Exception {
    data = DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("data"), "tiif");
    prompts = new TiifBenchmark().load(data, Map.of());
    negation = prompts.prompts().stream().filter(p -> p.id().equals("negation/short/0")).findFirst().orElseThrow();
    image = Files.write(tmp.resolve("img.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
  }

  private ScoreOutcome score(LoopbackJudgeServer server, Map<String, String> options, String cache) throws Exception {
    OpenAiJudgeFactory f = new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), null, null, 2, 0, 0,
        Duration.ofSeconds(10), null, null), tmp.resolve(cache));
    try (Scorer s = new TiifJudgeScorerProvider().open(new ScorerContext(data, options, tmp.resolve("s"),
        Optional.of(f), prompts, 1, org.irgeval.api.ComputeDevice.CPU))) {
      return s.score(new ScoringInput(negation, 0, "reflection", image, null));
    } finally {
      f.close();
    }
  }

  @Test
  void oneCallPerImageWithEveryQuestionAndTheOfficialComparison() throws Exception {
    // gt: ["yes", "no"]; the judge says yes to both -> 1 of 2
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> LoopbackJudgeServer.Answer.text(
        "Yes, there is a vase.\nyes, there are flowers."))) {
      ScoreOutcome o = score(server, Map.of(), "c1");
      assertEquals(Map.of("correct", 1.0, "total", 2.0), o.values());
      assertEquals(1, server.requests());
      var body = server.recentRequests().get(0).body();
      assertEquals("gpt-4o", body.path("model").asText());
      assertEquals(0.0, body.path("temperature").asDouble());
      assertTrue(body.path("max_tokens").isMissingNode(), "the official call sets no max_tokens");
      String user = LoopbackJudgeServer.text(body, "user");
      assertTrue(user.contains("Questions:\nIs there a vase in the image?\nAre there flowers in the vase?\n"), user);
      assertTrue(user.contains("DEMO TEMPLATE 0"), "deterministic protocol: the first template");
      assertEquals(List.of("yes", "yes"), List.of(o.detail().get("model_pred").get(0).asText(),
          o.detail().get("model_pred").get(1).asText()));
      assertEquals("negation_eval_prompts.jsonl", o.detail().get("jsonl_file").asText());
      assertEquals("short_description", o.detail().get("desc").asText());
    }
  }

  @Test
  void aWrongAnswerCountIsAskedAgainAtMostNTimesThenAFailure() throws Exception {
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> LoopbackJudgeServer.Answer.text("yes"))) {
      ScoreOutcome o = score(server, Map.of("judge_attempts", "3"), "c2");
      assertEquals(3, server.requests());
      assertTrue(o.error().contains("1 yes/no answers for 2 questions"), o.error());
      assertEquals(3, o.detail().get("attempts").size());
    }
  }

  @Test
  void bothProtocolsSendByteIdenticalRequestsOnARerun() throws Exception {
    for (String protocol : List.of("deterministic", "official")) {
      List<String> bodies = new java.util.ArrayList<>();
      for (int run = 0; run < 2; run++) {
        try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> LoopbackJudgeServer.Answer.text("no"))) {
          // every reply is short of answers, so all 4 attempts are sent: 4 template draws per run
          score(server, Map.of("judge_protocol", protocol), protocol + "-cache-" + run);
          StringBuilder sb = new StringBuilder();
          server.recentRequests().forEach(r -> sb.append(r.body().toString()).append('\n'));
          bodies.add(sb.toString());
        }
      }
      assertEquals(bodies.get(0), bodies.get(1), protocol + ": two runs send the same requests");
      if (protocol.equals("official")) {
        assertTrue(bodies.get(0).contains("\"temperature\":1.0"), bodies.get(0));
      }
    }
  }

  @Test
  void theOfficialProtocolDrawsTemplatesPerAttemptFromItsSeed() {
    TiifJudgeProtocol p = TiifJudgeProtocol.OFFICIAL;
    java.util.Set<Integer> drawn = new java.util.HashSet<>();
    for (int a = 1; a <= 30; a++) {
      int t = p.template(3, "ab12", "negation/short/0", a, 0);
      assertEquals(t, p.template(3, "ab12", "negation/short/0", a, 0), "same inputs, same draw");
      drawn.add(t);
    }
    assertEquals(3, drawn.size(), "all three templates are drawn");
    assertEquals(0, TiifJudgeProtocol.DETERMINISTIC.template(3, "ab12", "x", 7, 5));
    assertNotEquals(List.of(1, 2, 3, 4, 5, 6).stream().map(a -> p.template(3, "ab12", "x", a, 0)).toList(),
        List.of(1, 2, 3, 4, 5, 6).stream().map(a -> p.template(3, "ab12", "x", a, 1)).toList(),
        "judge_seed changes the draws");
  }

  @Test
  void textPromptsGetGnedAndRecallFromTheOcrBesideTheJudgement() throws Exception {
    var meta = org.irgeval.util.Json.mapper().createObjectNode();
    meta.put("type", "text");
    meta.put("length", "short");
    meta.put("line_idx", 0);
    var eval = meta.putObject("eval");
    eval.putArray("yn_question_list").add("Is the text 'drink' in the image?").add("Is the text 'tea' in the image?");
    eval.putArray("yn_answer_list").add("Yes").add("Yes");
    Prompt text = new Prompt("text/short/0", 0, "A sign that says \"drink\" and \"tea\".", "short/Advanced_Text Generation",
        meta);
    Path ocr = tmp.resolve("ocr.jsonl");
    Files.writeString(ocr, "{\"image_sha256\": \"" + org.irgeval.util.Hashing.sha256(Files.readAllBytes(image))
        + "\", \"texts\": [\"DRINK te\"]}\n");
    try (LoopbackJudgeServer server = LoopbackJudgeServer.start(r -> LoopbackJudgeServer.Answer.text("yes\nno"))) {
      OpenAiJudgeFactory f = new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), null, null, 2, 0, 0,
          Duration.ofSeconds(10), null, null), tmp.resolve("c-ocr"));
      try (Scorer s = new TiifJudgeScorerProvider().open(new ScorerContext(data, Map.of("text_ocr", "imported",
          "ocr_results", ocr.toString()), tmp.resolve("s"), Optional.of(f), prompts, 1, org.irgeval.api.ComputeDevice.CPU))) {
        ScoreOutcome o = s.score(new ScoringInput(text, 0, "reflection", image, null));
        assertEquals(1.0, o.values().get("correct"));
        // tokens [drink, te] vs [drink, tea]: GNED = (0 + 1/3) / 2; recall: "te" is 1/3 > 0.3 from "tea" -> 1/2
        assertEquals(1.0 / 6, o.values().get("gned"), 1e-12);
        assertEquals(0.5, o.values().get("recall"), 1e-12);
        assertEquals("DRINK te", o.detail().get("ocr").get(0).asText());
      } finally {
        f.close();
      }
    }
  }
}
