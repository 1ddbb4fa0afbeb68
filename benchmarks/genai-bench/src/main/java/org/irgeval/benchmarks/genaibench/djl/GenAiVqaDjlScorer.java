package org.irgeval.benchmarks.genaibench.djl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.Map;
import javax.imageio.ImageIO;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Json;

/**
 * CLIP-FlanT5 VQAScore in-process: {@link ClipT5Preprocess} + {@link ClipT5Prompt} in Java, one teacher-forced
 * forward pass of the TorchScript export ({@link ClipFlanT5Model}), score = exp(-mean cross-entropy over the label
 * tokens [▁Yes, </s>]) as t2v_metrics@335e4c2 clip_t5_model.py l.222-285.
 */
public final class GenAiVqaDjlScorer implements Scorer {
  /** The metric key the GenAI-Bench aggregation reads ({@code GenAiBenchAggregator.SCORE}). */
  private final String metric;
  private final ClipFlanT5Model model;
  private final T5Tokenizer tokenizer;
  private final String variant;
  private final String device;

  public GenAiVqaDjlScorer(String metric, ClipFlanT5Model model, T5Tokenizer tokenizer, String variant, String device) {
    this.metric = metric;
    this.model = model;
    this.tokenizer = tokenizer;
    this.variant = variant;
    this.device = device;
  }

  @Override
  public String fingerprint() {
    return "genai-vqa-djl/1 variant=" + variant + " model=" + model.fingerprint() + " tokenizer=sha256:"
        + tokenizer.sha256() + " template=" + ClipT5Prompt.QUESTION_TEMPLATE + " answer=" + ClipT5Prompt.ANSWER
        + " conversation=t5_chat image=expand2square+clip-336 score=exp(-mean_ce) device=" + device;
  }

  @Override
  public int concurrency() {
    return 1;
  }

  /** The score of one (image, prompt) pair, with what went into it in {@code detail}. */
  public double score(BufferedImage image, String prompt, ObjectNode detail) throws Exception {
    ClipT5Prompt.Tokens tokens = ClipT5Prompt.tokens(prompt, tokenizer::encode);
    float[][] logits = model.logits(tokens, ClipT5Preprocess.pixelValues(image));
    double score = ClipFlanT5Model.vqaScore(logits, tokens.labels());
    if (detail != null) {
      detail.put("backend", "clip-flant5 torchscript (DJL)");
      detail.put("variant", variant);
      detail.put("input_tokens", tokens.pre().length + 1 + tokens.post().length);
      detail.set("label_ids", Json.mapper().valueToTree(tokens.labels()));
      var lp = detail.putArray("label_logprobs");
      for (int t = 0; t < logits.length; t++) {
        lp.add(ClipFlanT5Model.logProb(logits[t], (int) tokens.labels()[t]));
      }
      if (tokens.truncated()) {
        detail.put("truncated_to", ClipT5Prompt.CONTEXT_LEN);
      }
    }
    return score;
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    ObjectNode detail = Json.mapper().createObjectNode();
    BufferedImage img = ImageIO.read(input.image().toFile());
    if (img == null) {
      return ScoreOutcome.failure("not a readable image: " + input.image(), detail, null);
    }
    double s;
    try {
      s = score(img, input.prompt().text(), detail);
    } catch (IllegalArgumentException e) {
      return ScoreOutcome.failure(e.getMessage(), detail, null);
    }
    return ScoreOutcome.of(Map.of(metric, s), detail, null);
  }

  @Override
  public void close() {
    try {
      model.close();
    } finally {
      tokenizer.close();
    }
  }
}
