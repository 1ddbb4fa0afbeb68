package org.irgeval.benchmarks.wise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Hashing;

/**
 * The plumbing judge's answers: official response format (the "Example Output" of the legacy template,
 * "Score: d" for Verified) with scores taken from the SHA-256 of the image bytes, so they are deterministic
 * and say nothing about the image's content. Not a model.
 */
final class WisePlumbingAnswerer implements LoopbackJudgeServer.Answerer {
  private final WiseVersion version;

  WisePlumbingAnswerer(WiseVersion version) {
    this.version = version;
  }

  @Override
  public LoopbackJudgeServer.Answer answer(JsonNode request) {
    List<byte[]> images = LoopbackJudgeServer.images(request);
    if (images.size() != 1) {
      throw new IllegalArgumentException("a WISE judge request carries exactly one image, got " + images.size());
    }
    String h = Hashing.sha256(images.get(0));
    int b0 = Integer.parseInt(h.substring(0, 2), 16);
    int b1 = Integer.parseInt(h.substring(2, 4), 16);
    int b2 = Integer.parseInt(h.substring(4, 6), 16);
    String text = version == WiseVersion.LEGACY
        ? "Consistency: " + b0 % 3 + "\nRealism: " + b1 % 3 + "\nAesthetic Quality: " + b2 % 3
        : "Score: " + (b0 & 1);
    return LoopbackJudgeServer.Answer.text(text);
  }
}
