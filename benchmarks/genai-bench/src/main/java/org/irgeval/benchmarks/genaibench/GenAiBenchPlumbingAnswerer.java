package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.irgeval.pipeline.reference.SceneCritic;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.pipeline.reference.SceneObject;
import org.irgeval.pipeline.reference.SceneReader;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Hashing;

/**
 * The plumbing judge's answers to VQAScore questions, in the OpenAI logprob format: the first token's top
 * candidates {@code "Yes"} and {@code "No"} with log-probabilities ln p and ln(1 - p). p is derived from what the
 * reference pipeline's reflection changes: the prompt is read back from the question, its hints
 * ({@link GenAiBenchScenes}) are checked against the drawing ({@link SceneReader}, {@link SceneCritic}), and
 * p = 0.05 + 0.9 x (checks passed / checks), a check being each object's count, colour and relation. Prompts
 * without hints get p in [0.3, 0.7) from a hash of the image. Not a model.
 */
final class GenAiBenchPlumbingAnswerer implements LoopbackJudgeServer.Answerer {
  private static final Pattern QUESTION = Pattern.compile("Does this figure show \"(.*)\"\\? Please answer (?:Yes or No|yes or no)\\.",
      Pattern.DOTALL);

  @Override
  public LoopbackJudgeServer.Answer answer(JsonNode request) throws Exception {
    List<byte[]> images = LoopbackJudgeServer.images(request);
    if (images.size() != 1) {
      throw new IllegalArgumentException("a VQAScore request carries exactly one image, got " + images.size());
    }
    Matcher m = QUESTION.matcher(LoopbackJudgeServer.text(request, "user"));
    if (!m.find()) {
      throw new IllegalArgumentException("not a VQAScore question");
    }
    double p = probability(m.group(1), images.get(0));
    Map<String, Double> top = new LinkedHashMap<>();
    top.put("Yes", Math.log(p));
    top.put("No", Math.log(1 - p));
    return new LoopbackJudgeServer.Answer(p >= 0.5 ? "Yes" : "No", List.of(top), null, 1);
  }

  static double probability(String prompt, byte[] png) throws Exception {
    SceneHints hints = GenAiBenchScenes.hints(prompt);
    if (hints.isEmpty()) {
      return 0.3 + 0.4 * Integer.parseInt(Hashing.sha256(png).substring(0, 4), 16) / 65536.0;
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    int checks = 0;
    for (SceneObject o : hints.objects()) {
      checks += 1 + (o.color() != null ? 1 : 0) + (o.relation() != null ? 1 : 0);
    }
    int wrong = Math.min(checks, new SceneCritic().findings(hints, new SceneReader().read(img)).size());
    return 0.05 + 0.9 * (checks - wrong) / checks;
  }
}
