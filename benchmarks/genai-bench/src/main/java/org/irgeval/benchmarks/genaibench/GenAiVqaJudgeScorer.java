package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeReply;
import org.irgeval.api.JudgeRequest;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.scoring.judge.JudgeLoop;
import org.irgeval.util.Json;

/**
 * VQAScore through an OpenAI-compatible VLM with logprobs, as t2v_metrics' GPT-4o scorer
 * (linzhiqiu/t2v_metrics@6ecb74f t2v_metrics/models/vqascore_models/gpt4v_model.py): one user message with the
 * question text then the image (l.120-123; no system message), {@code max_tokens=1} (l.125-132),
 * {@code logprobs=True, top_logprobs=20} (evaluate.py l.29), and P("Yes") from the first token's top candidates
 * ({@link YesProbability}).
 *
 * <p>Temperature: the official call sets none; we send 1.0, OpenAI's default (the wire format always carries one).
 * A reply without logprobs is asked once more (the official code retries a failed call once, l.135-165) and then
 * is a stored failure; the official code would score an API failure 0.0, we count it instead
 * (docs/genai-bench.md, "Deviations"). Neither "yes" nor "no" among the candidates is the official 0.0, a value.
 */
final class GenAiVqaJudgeScorer implements Scorer {
  static final String DEFAULT_MODEL = "gpt-4o";
  static final double TEMPERATURE = 1.0;
  static final int ATTEMPTS = 2;

  private final Judge judge;
  private final JudgeLoop loop;
  private final YesProbability rule;
  private final int concurrency;
  private final ObjectMapper mapper = Json.mapper();

  GenAiVqaJudgeScorer(Judge judge, YesProbability rule, int concurrency) {
    this.judge = judge;
    this.loop = new JudgeLoop(judge, ATTEMPTS, "genai-vqa");
    this.rule = rule;
    this.concurrency = concurrency;
  }

  @Override
  public String fingerprint() {
    return "genai-vqa-judge/1 model=" + judge.model() + " rule=" + rule.id() + " template=" + rule.template()
        + " max_tokens=" + rule.maxTokens() + " top_logprobs=" + YesProbability.TOP_LOGPROBS + " temperature="
        + TEMPERATURE + " attempts=" + ATTEMPTS;
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  /** The request of one image: question text, then the PNG (gpt4v_model.py l.120-123). */
  JudgeRequest request(String prompt, byte[] png) {
    return new JudgeRequest(null, List.of(JudgeRequest.Part.text(rule.question(prompt)), JudgeRequest.Part.image(png)),
        TEMPERATURE, rule.maxTokens(), YesProbability.TOP_LOGPROBS, Map.of());
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    byte[] png = Files.readAllBytes(input.image());
    JudgeRequest req = request(input.prompt().text(), png);
    ObjectNode detail = mapper.createObjectNode();
    detail.put("judge_model", judge.model());
    detail.put("rule", rule.id());
    if (!judge.model().equals(DEFAULT_MODEL)) {
      detail.put("judge_note", "VQAScore by " + judge.model() + ", not t2v_metrics' " + DEFAULT_MODEL
          + " (nor CLIP-FlanT5): not comparable with published GenAI-Bench numbers without saying so");
    }
    final JudgeReply[] last = new JudgeReply[1];
    JudgeLoop.Result<YesProbability.Result> r = loop.ask(new JudgeLoop.Protocol<>() {
      @Override
      public JudgeRequest request(int attempt) {
        return req;
      }

      @Override
      public String text(JudgeReply reply) {
        last[0] = reply;
        return reply.text();
      }

      @Override
      public JudgeLoop.Parsed<YesProbability.Result> parse(String text) {
        Map<String, Double> top = last[0].firstTokenTopLogprobs();
        if (top == null || top.isEmpty()) {
          return JudgeLoop.Parsed.incomplete("reply carries no first-token logprobs (does the server support"
              + " logprobs/top_logprobs?)", null);
        }
        YesProbability.Result res = rule.apply(top);
        return JudgeLoop.Parsed.ok(res, Map.of("p_yes", res.p(), "decided_by", res.decidedBy(),
            "token", res.token() == null ? "" : res.token()));
      }
    });
    detail.set("attempts", r.attempts());
    if (r.failed()) {
      return ScoreOutcome.failure("no first-token logprobs after " + ATTEMPTS + " attempts: " + r.problem(), detail,
          r.text());
    }
    detail.set("top_logprobs", mapper.valueToTree(new java.util.TreeMap<>(last[0].firstTokenTopLogprobs())));
    if (r.value().token() == null) {
      detail.put("neither_in_top", true);
    }
    return ScoreOutcome.of(Map.of(GenAiBenchAggregator.SCORE, r.value().p()), detail, r.text());
  }
}
