package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoringInput;
import org.irgeval.scoring.judge.JudgeLoop;

/**
 * The two VLM calls of OneIG-Bench/OneIG-Benchmark@41b4983 through the run's judge client ({@link JudgeLoop}; any
 * reply is an answer, so only a final judge error ends in a failure):
 * <ul>
 *   <li>alignment: one call per tile and question (alignment_score.py l.30-33; inference.py l.68-80): one user
 *       message, the image then the text {@code "{question}. Please answer 'Yes' or 'No' only."}, max_new_tokens
 *       128 (inference.py l.41); the raw reply is kept, only the exact {@code Yes} counts ({@link OneIgRules});</li>
 *   <li>text: one OCR call per tile (text_score.py l.65; inference.py l.82-94) with {@code TEXT_PROMPT}, 256 new
 *       tokens when the GT literal has more than 60 words, else 128 (text_score.py l.51-55).</li>
 * </ul>
 * The official judge is Qwen2.5-VL-7B-Instruct with its default generation config (near-greedy); we send
 * temperature 0 (docs/oneig.md section 5).
 */
final class OneIgJudgeParts {
  static final int ALIGNMENT_MAX_TOKENS = 128;

  private OneIgJudgeParts() {}

  /** Requests for one tile of {@code p}: one per alignment question, one OCR call for a text prompt. */
  static int calls(Prompt p) {
    List<String> dims = OneIgAggregator.dimensionsOf(p);
    return (dims.contains(OneIgAggregator.ALIGNMENT) ? p.metadata().path("questions").size() : 0)
        + (dims.contains(OneIgAggregator.TEXT) ? 1 : 0);
  }

  static OneIgPart alignment(Judge judge, OneIgTemplates templates, int attempts) {
    return new OneIgPart() {
      @Override
      public String fingerprint() {
        return "alignment=judge(model=" + judge.model() + ",temperature=0,max_tokens=" + ALIGNMENT_MAX_TOKENS
            + ",attempts=" + attempts + ",templates=" + templates.sha256() + ")";
      }

      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
          throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        ArrayNode log = detail.putArray("alignment_attempts");
        var qs = input.prompt().metadata().path("questions");
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = qs.fields(); it.hasNext(); ) {
          var q = it.next();
          String text = templates.question(q.getValue().asText());
          JudgeLoop.Result<String> r = new JudgeLoop(judge, attempts, "oneig-alignment").ask(protocol(
              new JudgeRequest(null, List.of(JudgeRequest.Part.image(png), JudgeRequest.Part.text(text)), 0.0,
                  ALIGNMENT_MAX_TOKENS, null, Map.of())));
          ObjectNode a = log.addObject();
          a.put("question", q.getKey());
          a.set("attempts", r.attempts());
          if (r.failed()) {
            throw new OneIgPart.Failed("no answer to alignment question " + q.getKey() + ": " + r.problem());
          }
          answers.put(q.getKey(), r.value());
        }
        return tile.withAnswers(answers);
      }
    };
  }

  static OneIgPart ocr(Judge judge, OneIgTemplates templates, int attempts) {
    return new OneIgPart() {
      @Override
      public String fingerprint() {
        return "text=judge-ocr(model=" + judge.model() + ",temperature=0,max_tokens=128|256,attempts=" + attempts
            + ",templates=" + templates.sha256() + ")";
      }

      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
          throws Exception {
        int max = OneIgRules.ocrMaxTokens(input.prompt().metadata().path("text_content").asText());
        JudgeLoop.Result<String> r = new JudgeLoop(judge, attempts, "oneig-ocr").ask(protocol(new JudgeRequest(null,
            List.of(JudgeRequest.Part.image(png), JudgeRequest.Part.text(templates.ocr())), 0.0, max, null,
            Map.of())));
        detail.set("ocr_attempts", r.attempts());
        if (r.failed()) {
          throw new OneIgPart.Failed("no OCR reply: " + r.problem());
        }
        return tile.withOcr(r.value());
      }
    };
  }

  /** Every reply is the answer as the official code keeps it (no parsing). */
  private static JudgeLoop.Protocol<String> protocol(JudgeRequest request) {
    return new JudgeLoop.Protocol<>() {
      @Override
      public JudgeRequest request(int attempt) {
        return request;
      }

      @Override
      public JudgeLoop.Parsed<String> parse(String text) {
        return JudgeLoop.Parsed.ok(text == null ? "" : text, text);
      }
    };
  }
}
