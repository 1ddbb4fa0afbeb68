package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeRequest;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.scoring.judge.JudgeLoop;
import org.irgeval.scoring.ocr.OcrEngine;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * The TIIF judge call for one image (A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py} l.76-107,
 * l.186-209): the system message, one user message with the filled template then the PNG as a data URL, no
 * max_tokens; all of the image's questions in one call. The reply is parsed by {@link TiifReplyParser}; an answer
 * count that differs from the question count is asked again (officially without end, here at most
 * {@code judge_attempts} times) and then stored as a counted failure, never scored.
 *
 * <p>Values: {@code correct} and {@code total} (questions), the official per-type accuracy being a micro average
 * ({@code summary_results.py} l.87-97). The detail holds the official per-image result record
 * ({@code eval_with_vlm.py} l.198-209) and the attempts.
 */
final class TiifJudgeScorer implements Scorer {
  private final Judge judge;
  private final TiifTemplates templates;
  private final TiifJudgeProtocol protocol;
  private final int attempts;
  private final long seed;
  private final int concurrency;
  private final OcrEngine ocr;
  private final ObjectMapper mapper = Json.mapper();

  /**
   * @param ocr the OCR of the supplementary text metrics of {@code text} prompts, or null (owned: closed
   *            with this scorer)
   */
  TiifJudgeScorer(Judge judge, TiifTemplates templates, TiifJudgeProtocol protocol, int attempts, long seed,
                  int concurrency, OcrEngine ocr) {
    this.judge = judge;
    this.templates = templates;
    this.protocol = protocol;
    this.attempts = attempts;
    this.seed = seed;
    this.concurrency = concurrency;
    this.ocr = ocr;
  }

  @Override
  public String fingerprint() {
    return "tiif-judge/1 model=" + judge.model() + " protocol=" + protocol.id() + " temperature="
        + protocol.temperature() + " attempts=" + attempts + " judge_seed=" + seed + " templates_sha256="
        + templates.sha256() + " parser=extract_yes_no" + (ocr != null ? " ocr=" + ocr.fingerprint() : "");
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    JsonNode meta = input.prompt().metadata();
    List<String> questions = new ArrayList<>();
    meta.path("eval").path("yn_question_list").forEach(q -> questions.add(q.asText()));
    List<String> gt = new ArrayList<>();
    meta.path("eval").path("yn_answer_list").forEach(a -> gt.add(a.asText()));
    byte[] png = Files.readAllBytes(input.image());
    String imageSha = Hashing.sha256(png);
    List<Integer> used = new ArrayList<>();
    JudgeLoop.Result<List<String>> r = new JudgeLoop(judge, attempts, "tiif").ask(new JudgeLoop.Protocol<>() {
      @Override
      public JudgeRequest request(int attempt) {
        int t = protocol.template(templates.templates().size(), imageSha, input.prompt().id(), attempt, seed);
        used.add(t);
        return new JudgeRequest(templates.system(), List.of(JudgeRequest.Part.text(templates.user(t, questions)),
            JudgeRequest.Part.image(png)), protocol.temperature(), null, null, Map.of());
      }

      @Override
      public JudgeLoop.Parsed<List<String>> parse(String text) {
        List<String> preds = TiifReplyParser.answers(text);
        // eval_with_vlm.py l.173-174: a count mismatch is an error (OutputFormatError), retried.
        return preds.size() == questions.size() ? JudgeLoop.Parsed.ok(preds, preds)
            : JudgeLoop.Parsed.incomplete(preds.size() + " yes/no answers for " + questions.size() + " questions",
                preds);
      }
    });
    ObjectNode detail = officialRecord(meta, questions, gt, r.value(), r.text());
    detail.put("judge_model", judge.model());
    detail.put("judge_protocol", protocol.id());
    ArrayNode t = detail.putArray("templates");
    used.forEach(t::add);
    detail.set("attempts", r.attempts());
    if (r.failed()) {
      return ScoreOutcome.failure("no usable TIIF judgement after " + attempts + " attempts: " + r.problem(), detail,
          r.text());
    }
    int correct = 0;
    for (int k = 0; k < gt.size(); k++) {
      // summary_results.py l.91: gt.strip().lower() == pred.strip().lower()
      if (TiifReplyParser.pyStrip(gt.get(k)).toLowerCase(Locale.ROOT).equals(r.value().get(k))) {
        correct++;
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(TiifAggregator.CORRECT, (double) correct);
    values.put(TiifAggregator.TOTAL, (double) gt.size());
    if (ocr != null && "text".equals(meta.path("type").asText())) {
      textMetrics(png, questions, values, detail);
    }
    return ScoreOutcome.of(values, detail, r.text());
  }

  /** GNED and recall of the image's OCR against the words its questions ask for (cal_gned_and_recall_models.py). */
  private void textMetrics(byte[] png, List<String> questions, Map<String, Double> values, ObjectNode detail) {
    List<String> gt = TiifTextMetrics.groundTruth(questions);
    try {
      List<String> texts = ocr.read(png).stream().map(org.irgeval.scoring.ocr.OcrLine::text).toList();
      detail.set("ocr", mapper.valueToTree(texts));
      List<String> tokens = TiifTextMetrics.tokens(texts);
      values.put(TiifAggregator.GNED, TiifTextMetrics.gned(tokens, gt));
      if (!gt.isEmpty()) {
        values.put(TiifAggregator.RECALL, TiifTextMetrics.recall(tokens, gt));
      }
    } catch (org.irgeval.scoring.ocr.OcrException e) {
      // The yes/no judgement stands; the supplementary metric is left out for this image, with the reason.
      detail.put("ocr_error", e.getMessage());
    }
  }

  @Override
  public void close() throws Exception {
    if (ocr != null) {
      ocr.close();
    }
  }

  /** The per-image JSON of eval_with_vlm.py l.198-209 (model_pred empty when no reply parsed). */
  private ObjectNode officialRecord(JsonNode meta, List<String> questions, List<String> gt, List<String> preds,
                                    String output) {
    ObjectNode o = mapper.createObjectNode();
    String type = meta.path("type").asText();
    o.put("attribute", type);
    o.put("desc", meta.path("length").asText() + "_description");
    o.put("jsonl_file", type + "_eval_prompts.jsonl");
    o.put("line_idx", meta.path("line_idx").asInt());
    o.set("questions", mapper.valueToTree(questions));
    o.set("gt_answers", mapper.valueToTree(gt));
    o.set("model_pred", mapper.valueToTree(preds == null ? List.of() : preds));
    o.put("model_output", output);
    return o;
  }
}
