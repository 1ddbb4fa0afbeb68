package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.irgeval.pipeline.reference.SceneReader;
import org.irgeval.pipeline.reference.SeenObject;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Hashing;

/**
 * The plumbing judge's TIIF replies, one "yes"/"no" line per question in the official reply format: a presence
 * question is answered by reading the reference pipeline's drawing back ({@link SceneReader}: is the object's
 * marker there?), so a reflection that re-draws a missing object changes the answer; any other question from a
 * hash of the image bytes. It never judges what an image shows; every score made with it is labelled plumbing.
 */
final class TiifPlumbingAnswerer implements LoopbackJudgeServer.Answerer {
  private final TiifTemplates templates;

  TiifPlumbingAnswerer(TiifTemplates templates) {
    this.templates = templates;
  }

  @Override
  public LoopbackJudgeServer.Answer answer(JsonNode request) {
    List<byte[]> images = LoopbackJudgeServer.images(request);
    if (images.size() != 1) {
      throw new IllegalArgumentException("a TIIF judge request carries exactly one image, got " + images.size());
    }
    List<String> questions = questions(LoopbackJudgeServer.text(request, "user"));
    Set<Integer> seen = new HashSet<>();
    try {
      var img = ImageIO.read(new ByteArrayInputStream(images.get(0)));
      if (img != null) {
        for (SeenObject o : new SceneReader().read(img)) {
          seen.add(o.code());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String h = Hashing.sha256(images.get(0));
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < questions.size(); k++) {
      Optional<String> obj = TiifSceneHints.presence(questions.get(k));
      boolean yes = obj.isPresent() ? seen.contains(TiifSceneHints.code(TiifSceneHints.name(obj.get())))
          : (Character.digit(h.charAt(k % h.length()), 16) & 1) == 0;
      sb.append(yes ? "yes" : "no").append(" (plumbing judge, not a model)\n");
    }
    return LoopbackJudgeServer.Answer.text(sb.toString());
  }

  /** The questions block of whichever template the request was filled from. */
  private List<String> questions(String user) {
    for (String t : templates.templates()) {
      int at = t.indexOf(TiifTemplates.PLACEHOLDER);
      String prefix = t.substring(0, at);
      String suffix = t.substring(at + TiifTemplates.PLACEHOLDER.length());
      if (user.startsWith(prefix) && user.endsWith(suffix) && user.length() >= prefix.length() + suffix.length()) {
        return List.of(user.substring(prefix.length(), user.length() - suffix.length()).split("\n", -1));
      }
    }
    throw new IllegalArgumentException("the request's text was not filled from a TIIF template");
  }
}
