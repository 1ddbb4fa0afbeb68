package org.irgeval.benchmarks.geneval.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;
import org.irgeval.benchmarks.geneval.GenEvalDjlScorerProvider;
import org.irgeval.benchmarks.geneval.GenEvalTestData;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL back end on the hand-set TorchScript fixtures of make_fixtures.py: a red rectangle is a "dog"
 * (class 16, score 0.95), a blue one a "cat" (class 15, score 0.6); the tiny "CLIP" sees mean colours.
 */
class DjlBackendTest {
  static Path fixtures;
  static Path data;
  static PromptSet prompts;
  @TempDir
  Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    fixtures = Path.of(DjlBackendTest.class.getResource("/fixtures/tiny_detector.pt").toURI()).getParent();
    data = GenEvalTestData.root();
    prompts = new GenEvalBenchmark().load(data, Map.of());
  }

  static BufferedImage scene() {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(250, 250, 250));
    g.fillRect(0, 0, 64, 48);
    g.setColor(new Color(255, 0, 0));
    g.fillRect(5, 10, 15, 20); // x 5..19, y 10..29
    g.setColor(new Color(0, 0, 255));
    g.fillRect(40, 5, 10, 10); // x 40..49, y 5..14
    g.dispose();
    return img;
  }

  @Test
  void detectorExportFollowsTheContract() throws Exception {
    try (TorchScriptDetector det = new TorchScriptDetector(fixtures.resolve("tiny_detector.pt"), Device.cpu(), 80)) {
      List<List<Detection>> raw = det.detect(scene());
      assertEquals(80, raw.size());
      Detection dog = raw.get(16).get(0);
      assertEquals(List.of(5f, 10f, 20f, 30f, 0.95f), List.of(dog.x1(), dog.y1(), dog.x2(), dog.y2(), dog.score()));
      Detection cat = raw.get(15).get(0);
      assertEquals(List.of(40f, 5f, 50f, 15f, 0.6f), List.of(cat.x1(), cat.y1(), cat.x2(), cat.y2(), cat.score()));
      assertTrue(dog.mask().at(5, 10) && dog.mask().at(19, 29) && !dog.mask().at(20, 29) && !dog.mask().at(40, 5));
      assertEquals(2, raw.stream().mapToInt(List::size).sum());
    }
  }

  @Test
  void clipPicksTheSwatchColour() throws Exception {
    try (TorchScriptDetector det = new TorchScriptDetector(fixtures.resolve("tiny_detector.pt"), Device.cpu(), 80);
         ClipColorClassifier clip = new ClipColorClassifier(fixtures.resolve("tiny_clip_image.pt"),
             fixtures.resolve("tiny_clip_text.json"), Device.cpu())) {
      BufferedImage img = scene();
      List<List<Detection>> raw = det.detect(img);
      assertEquals(List.of("red"), clip.classify(img, "dog", raw.get(16)));
      assertEquals(List.of("blue"), clip.classify(img, "cat", raw.get(15)));
      // both in one batch, order kept
      assertEquals(List.of("blue", "red"), clip.classify(img, "dog", List.of(raw.get(15).get(0), raw.get(16).get(0))));
    }
  }

  Scorer open(Map<String, String> options) throws Exception {
    return new GenEvalDjlScorerProvider().open(new ScorerContext(data, options, tmp, Optional.empty(), prompts, 1, org.irgeval.api.ComputeDevice.CPU));
  }

  Prompt prompt(String json) throws Exception {
    ObjectNode meta = (ObjectNode) Json.mapper().readTree(json);
    return new Prompt("00999", 999, meta.get("prompt").asText(), meta.get("tag").asText(), meta);
  }

  @Test
  void scorerEndToEnd() throws Exception {
    Path png = tmp.resolve("scene.png");
    ImageIO.write(scene(), "png", png.toFile());
    Map<String, String> opts = Map.of("detector", fixtures.resolve("tiny_detector.pt").toString(),
        "clip", fixtures.resolve("tiny_clip_image.pt").toString(),
        "clip_text", fixtures.resolve("tiny_clip_text.json").toString());
    try (Scorer s = open(opts)) {
      assertTrue(s.fingerprint().contains("tiny_detector.pt@sha256:"), s.fingerprint());
      ScoreOutcome ok = s.score(new ScoringInput(prompt("{\"tag\": \"color_attr\", \"include\": [{\"class\": \"dog\", "
          + "\"count\": 1, \"color\": \"red\"}, {\"class\": \"cat\", \"count\": 1, \"color\": \"blue\"}], "
          + "\"prompt\": \"a photo of a red dog and a blue cat\"}"), 0, "no-reflection", png, null));
      assertEquals(Map.of("correct", 1.0), ok.values(), ok.detail().toString());
      assertEquals("{\"cat\": [[40.0, 5.0, 50.0, 15.0, 0.6000000238418579]], "
          + "\"dog\": [[5.0, 10.0, 20.0, 30.0, 0.949999988079071]]}", ok.detail().get("details").asText());
      // cat centre (45,10), dog centre (12.5,20): revised (30, -7) / 34.0 -> dx 0.88: "right of" only
      ScoreOutcome pos = s.score(new ScoringInput(prompt("{\"tag\": \"position\", \"include\": [{\"class\": \"dog\", "
          + "\"count\": 1}, {\"class\": \"cat\", \"count\": 1, \"position\": [\"above\", 0]}], "
          + "\"prompt\": \"a photo of a cat above a dog\"}"), 0, "no-reflection", png, null));
      assertEquals("expected cat above target, found right of target", pos.detail().get("reason").asText());
      // a counting image: the 0.6 cat is under 0.9 and does not count
      ScoreOutcome cnt = s.score(new ScoringInput(prompt("{\"tag\": \"counting\", \"include\": [{\"class\": \"cat\", "
          + "\"count\": 1}], \"prompt\": \"a photo of one cat\"}"), 0, "no-reflection", png, null));
      assertEquals("expected cat>=1, found 0", cnt.detail().get("reason").asText());
    }
  }

  @Test
  void unconfiguredSaysWhichOptionsAreMissing() {
    ScorerUnavailableException e = assertThrows(ScorerUnavailableException.class,
        () -> open(Map.of("detector", "x.pt")));
    assertTrue(e.getMessage().contains("clip=..., clip_text=..."), e.getMessage());
  }
}
