package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.irgeval.pipeline.reference.ReferencePalette;
import org.irgeval.pipeline.reference.SceneReader;
import org.irgeval.pipeline.reference.SceneRenderer;
import org.irgeval.pipeline.reference.SeenObject;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.util.Hashing;

/**
 * The plumbing judge's OneIG replies. Alignment: a presence question is answered {@code Yes}/{@code No} by reading the
 * reference pipeline's drawing back ({@link SceneReader}: is the object's marker there?), so a reflection that
 * re-draws a missing object changes the answer; any other question from a hash of the image and question. OCR: "No
 * text recognized." when the drawing's text band holds no text pixels, else a fixed plumbing string. It never reads
 * what an image shows; every score made with it is labelled plumbing.
 */
final class OneIgPlumbingAnswerer implements LoopbackJudgeServer.Answerer {
  static final String OCR_REPLY = "plumbing OCR text drawn";
  private final OneIgTemplates templates;

  OneIgPlumbingAnswerer(OneIgTemplates templates) {
    this.templates = templates;
  }

  @Override
  public LoopbackJudgeServer.Answer answer(JsonNode request) {
    List<byte[]> images = LoopbackJudgeServer.images(request);
    if (images.size() != 1) {
      throw new IllegalArgumentException("a OneIG judge request carries exactly one image, got " + images.size());
    }
    String user = LoopbackJudgeServer.text(request, "user");
    java.awt.image.BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(images.get(0)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (user.equals(templates.ocr())) {
      return LoopbackJudgeServer.Answer.text(img != null && hasText(img) ? OCR_REPLY : "No text recognized.");
    }
    String question = question(user);
    Optional<String> obj = OneIgSceneHints.presence(question);
    boolean yes;
    if (obj.isPresent()) {
      Set<Integer> seen = new HashSet<>();
      if (img != null) {
        for (SeenObject o : new SceneReader().read(img)) {
          seen.add(o.code());
        }
      }
      yes = seen.contains(OneIgSceneHints.code(OneIgSceneHints.name(obj.get())));
    } else {
      String h = Hashing.sha256(Hashing.sha256(images.get(0)) + question);
      yes = Character.digit(h.charAt(0), 16) < 11;
    }
    return LoopbackJudgeServer.Answer.text(yes ? "Yes" : "No");
  }

  /** Text pixels in the band where the reference renderer writes a plan's text. */
  private static boolean hasText(java.awt.image.BufferedImage img) {
    if (img.getWidth() != SceneRenderer.SIZE || img.getHeight() != SceneRenderer.SIZE) {
      return false;
    }
    for (int y = SceneRenderer.SIZE - 28; y < SceneRenderer.SIZE; y++) {
      for (int x = 0; x < SceneRenderer.SIZE; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == ReferencePalette.TEXT) {
          return true;
        }
      }
    }
    return false;
  }

  /** The question a request text was filled with. */
  private String question(String user) {
    String t = templates.question();
    int at = t.indexOf(OneIgTemplates.PLACEHOLDER);
    String prefix = t.substring(0, at);
    String suffix = t.substring(at + OneIgTemplates.PLACEHOLDER.length());
    if (user.startsWith(prefix) && user.endsWith(suffix) && user.length() >= prefix.length() + suffix.length()) {
      return user.substring(prefix.length(), user.length() - suffix.length());
    }
    throw new IllegalArgumentException("the request's text was not filled from the OneIG question template");
  }
}
