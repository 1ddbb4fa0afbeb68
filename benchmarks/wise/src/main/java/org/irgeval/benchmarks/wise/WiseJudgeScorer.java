package org.irgeval.benchmarks.wise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.LinkedHashMap;
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
 * The official WISE judge protocol for one image (WISE_legacy/gpt_eval.py {@code evaluate_image} l.174-212;
 * vllm_eval.py l.204-237): system + user text (with the original Prompt and Explanation) + the raw PNG bytes,
 * temperature 0; up to 3 attempts while the reply misses a score or the call fails.
 *
 * <p>Outcomes: all scores parsed: values. After 3 attempts with at least one reply that did not parse (or a
 * non-retryable judge error): a stored, counted failure (the official script skips the id, "extract_fail").
 * When all 3 attempts died on transient judge errors (network, 5xx after the client's retries), the
 * exception is thrown so the engine stores nothing and a rerun asks again.
 */
final class WiseJudgeScorer implements Scorer {
  private final WiseVersion version;
  private final Judge judge;
  private final JudgeLoop loop;
  private final WiseTemplates templates;
  private final int concurrency;
  private final ObjectMapper mapper = Json.mapper();

  WiseJudgeScorer(WiseVersion version, Judge judge, WiseTemplates templates, int concurrency) {
    this.version = version;
    this.judge = judge;
    this.loop = new JudgeLoop(judge, WiseVersion.MAX_ATTEMPTS, "wise");
    this.templates = templates;
    this.concurrency = concurrency;
  }

  @Override
  public String fingerprint() {
    return "wise-judge/1 version=" + version.id() + " model=" + judge.model() + " temperature="
        + WiseVersion.TEMPERATURE + " max_tokens=" + version.maxTokens() + " extra=" + version.extraBody()
        + " attempts=" + WiseVersion.MAX_ATTEMPTS + " system_sha256=" + templates.systemSha256()
        + " user_sha256=" + templates.userSha256() + " parser=official+fullwidth-colon";
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    JsonNode meta = input.prompt().metadata();
    // Always the original Prompt and Explanation, also for the rewrite ablation (docs/wise.md, "Rewritten prompts").
    String user = templates.fillUser(meta.path("Prompt").asText(), meta.path("Explanation").asText());
    byte[] png = Files.readAllBytes(input.image());
    ObjectNode detail = mapper.createObjectNode();
    detail.put("judge_model", judge.model());
    detail.put("version", version.id());
    if (!judge.model().equals(version.defaultJudgeModel())) {
      detail.put("judge_note", "judge " + judge.model() + " is not the official " + version.defaultJudgeModel()
          + "; scores are not comparable with published WISE numbers");
    }
    // Re-asking is the official protocol (gpt_eval.py l.174-212: up to 3 attempts while a score is missing).
    JudgeLoop.Result<Map<String, Double>> r = loop.ask(new JudgeLoop.Protocol<>() {
      @Override
      public JudgeRequest request(int attempt) {
        return new JudgeRequest(templates.system(),
            List.of(JudgeRequest.Part.text(user), JudgeRequest.Part.image(png)), WiseVersion.TEMPERATURE,
            version.maxTokens(), null, version.extraBody());
      }

      @Override
      public String text(JudgeReply reply) {
        return version == WiseVersion.VERIFIED ? WiseReplyParser.stripThink(reply.text()) : reply.text();
      }

      @Override
      public JudgeLoop.Parsed<Map<String, Double>> parse(String text) {
        Map<String, Double> parsed = version == WiseVersion.LEGACY
            ? WiseReplyParser.legacy(text) : WiseReplyParser.verified(text);
        List<String> missing = (version == WiseVersion.LEGACY ? WiseReplyParser.LEGACY_ORDER : List.of("score"))
            .stream().filter(k -> !parsed.containsKey(k)).toList();
        return missing.isEmpty() ? JudgeLoop.Parsed.ok(parsed, parsed)
            : JudgeLoop.Parsed.incomplete("reply lacks " + missing, parsed);
      }
    });
    detail.set("attempts", r.attempts());
    if (r.failed()) {
      return ScoreOutcome.failure("no parseable WISE judgement after " + WiseVersion.MAX_ATTEMPTS + " attempts: "
          + r.problem(), detail, r.text());
    }
    return ScoreOutcome.of(values(r.value()), detail, r.text());
  }

  @Override
  public void close() {
    // The judge client belongs to the run (or to the plumbing provider), not to this scorer.
  }

  private Map<String, Double> values(Map<String, Double> parsed) {
    Map<String, Double> v = new LinkedHashMap<>();
    if (version == WiseVersion.LEGACY) {
      for (String k : WiseReplyParser.LEGACY_ORDER) {
        v.put(k, parsed.get(k));
      }
      v.put("wiscore", WiScore.legacy(parsed.get("consistency"), parsed.get("realism"),
          parsed.get("aesthetic_quality")));
    } else {
      v.put("score", parsed.get("score"));
      v.put("wiscore", WiScore.verified(parsed.get("score")));
    }
    return v;
  }
}
