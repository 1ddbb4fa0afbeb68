package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Variant;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oneig-djl scoring path on the tiny random TorchScript fixtures of make_fixtures.py: Java pre-processing + DJL
 * give the embeddings Python gives on the reference tensors, and the scorer turns them into the official per-tile
 * raw outputs (cosine, CSD/SE dots, DreamSim distances).
 */
class OneIgDjlTest {
  static Path fixtures;
  static JsonNode outputs;
  @TempDir
  Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    fixtures = Path.of(OneIgDjlTest.class.getResource("/fixtures/tiny_csd.pt").toURI()).getParent();
    try (InputStream in = OneIgDjlTest.class.getResourceAsStream("/fixtures/tiny_outputs.json")) {
      outputs = Json.mapper().readTree(in).get("outputs");
    }
  }

  static double[] python(String spec, String image) {
    JsonNode a = outputs.get(spec).get(image);
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  static java.awt.image.BufferedImage image(String name) {
    return name.equals("a") ? OneIgPreprocessTest.image(40, 30) : OneIgPreprocessTest.image(30, 50);
  }

  @Test
  void javaEmbeddingsEqualPythons() throws Exception {
    for (String spec : List.of("llm2clip", "csd", "se", "dreamsim")) {
      OneIgPreprocess p = OneIgPreprocessTest.spec(spec);
      try (OneIgTorchScript m = new OneIgTorchScript(spec, fixtures.resolve("tiny_" + spec + ".pt"), Device.cpu())) {
        for (String img : List.of("a", "b")) {
          float[] got = m.embed(p.tensor(image(img)), p.size);
          double[] want = python(spec, img);
          assertEquals(want.length, got.length, spec);
          for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-5, spec + " " + img + "[" + i + "]");
          }
        }
      }
    }
  }

  /** Formula references: CSD rows unit-norm, SE rows scaled to norm 0.7 (as the official SE refs: not unit). */
  static void writeRefs(Path root, int seRowLength) throws Exception {
    ObjectNode csd = Json.mapper().createObjectNode();
    ObjectNode se = Json.mapper().createObjectNode();
    for (String s : OneIgPromptLoader.STYLES) {
      csd.set(s, refs(s, 768, 1.0, 768));
      se.set(s, refs(s, 1280, 0.7, seRowLength));
    }
    Files.createDirectories(root.resolve("oneig/style"));
    Files.writeString(root.resolve("oneig/" + OneIgStyleRefs.CSD), Json.mapper().writeValueAsString(csd));
    Files.writeString(root.resolve("oneig/" + OneIgStyleRefs.SE), Json.mapper().writeValueAsString(se));
  }

  static double[][] ref(String style, int dim, double norm) {
    double[][] r = new double[3][dim];
    for (int j = 0; j < 3; j++) {
      double n = 0;
      for (int k = 0; k < dim; k++) {
        r[j][k] = Math.sin(k * 0.37 + j * 1.3 + style.length());
        n += r[j][k] * r[j][k];
      }
      for (int k = 0; k < dim; k++) {
        r[j][k] *= norm / Math.sqrt(n);
      }
    }
    return r;
  }

  static ObjectNode refs(String style, int dim, double norm, int written) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.set("shape", Json.mapper().valueToTree(List.of(3, dim)));
    double[][] r = ref(style, dim, norm);
    var data = o.putArray("data");
    for (double[] row : r) {
      var a = data.addArray();
      for (int k = 0; k < written; k++) {
        a.add(row[k]);
      }
    }
    return o;
  }

  Map<String, String> allModels() {
    Map<String, String> o = new HashMap<>();
    o.put("llm2clip", fixtures.resolve("tiny_llm2clip.pt").toString());
    o.put("llm2clip_text", fixtures.resolve("tiny_llm2clip_text.json").toString());
    o.put("csd", fixtures.resolve("tiny_csd.pt").toString());
    o.put("se", fixtures.resolve("tiny_se.pt").toString());
    o.put("dreamsim", fixtures.resolve("tiny_dreamsim.pt").toString());
    o.put("jpeg", "false");
    return o;
  }

  Scorer open(Path data, PromptSet prompts, Map<String, String> options) throws Exception {
    return new OneIgDjlScorerProvider().open(new ScorerContext(data, options, tmp.resolve("cache"), Optional.empty(),
        prompts, 1, org.irgeval.api.ComputeDevice.CPU));
  }

  Path png(String name) throws Exception {
    Path p = tmp.resolve(name + ".png");
    ImageIO.write(image(name), "png", p.toFile());
    return p;
  }

  static double unitDot(double[] e, double[] r) {
    double n = 0;
    double d = 0;
    for (int i = 0; i < e.length; i++) {
      n += e[i] * e[i];
    }
    for (int i = 0; i < e.length; i++) {
      d += e[i] / Math.sqrt(n) * r[i];
    }
    return d;
  }

  @Test
  void scorerGivesTheOfficialRawOutputs() throws Exception {
    Path data = tmp.resolve("data");
    writeRefs(data, 1280);
    Prompt reasoning = OneIgTestPrompts.prompt("reasoning", "000", 0, null);
    Prompt styled = OneIgTestPrompts.prompt("anime", "001", 1, "watercolor");
    PromptSet set = OneIgTestPrompts.set(reasoning, styled);
    List<ScoredSample> samples = new ArrayList<>();
    try (Scorer s = open(data, set, allModels())) {
      assertTrue(s.fingerprint().contains("tiny_dreamsim.pt@sha256:"), s.fingerprint());
      ScoreOutcome r = s.score(new ScoringInput(reasoning, 0, "reflection", png("a"), null));
      JsonNode text = Json.mapper().readTree(fixtures.resolve("tiny_llm2clip_text.json").toFile()).get("embeddings")
          .get("000");
      double[] t = new double[text.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = text.get(i).asDouble();
      }
      assertEquals(OneIgRules.cosine(python("llm2clip", "a"), t), r.values().get(OneIgAggregator.REASONING), 1e-6);

      ScoreOutcome st = s.score(new ScoringInput(styled, 0, "reflection", png("a"), null));
      JsonNode tile = st.detail().get("tile");
      double[][] csdRefs = ref("watercolor", 768, 1.0);
      double[][] seRefs = ref("watercolor", 1280, 0.7);
      for (int j = 0; j < 3; j++) {
        assertEquals(unitDot(python("csd", "a"), csdRefs[j]), tile.get("csd_dots").get(j).asDouble(), 1e-6);
        // SE refs are used as stored (norm 0.7), not normalised
        assertEquals(unitDot(python("se", "a"), seRefs[j]), tile.get("se_dots").get(j).asDouble(), 1e-6);
      }
      samples.add(sample(styled, 0, st));
      // diversity: tile 1 = image b, tile 2 = black (never embedded), tile 3 = image a again
      ScoreOutcome d1 = s.score(new ScoringInput(styled, 1, "reflection", png("b"), null));
      Path black = tmp.resolve("black.png");
      ImageIO.write(new java.awt.image.BufferedImage(30, 50, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
          black.toFile());
      ScoreOutcome d2 = s.score(new ScoringInput(styled, 2, "reflection", black, null));
      ScoreOutcome d3 = s.score(new ScoringInput(styled, 3, "reflection", png("a"), null));
      samples.add(sample(styled, 1, d1));
      samples.add(sample(styled, 2, d2));
      samples.add(sample(styled, 3, d3));
      double ab = OneIgRules.embeddingDistance(python("dreamsim", "a"), python("dreamsim", "b"));
      assertEquals(ab, d1.values().get(OneIgAggregator.DIV_DISTANCE + "0"), 1e-6);
      assertEquals(1.0, d2.values().get(OneIgAggregator.BLACK));
      assertEquals(ab, d3.values().get(OneIgAggregator.DIV_DISTANCE + "1"), 1e-6);
      assertEquals(0.0, d3.values().get(OneIgAggregator.DIV_DISTANCE + "0"), 1e-6);
      assertNull(d3.values().get(OneIgAggregator.DIV_DISTANCE + "2"));
      assertTrue(d3.detail().toString().length() < 4000, "the detail carries distances, not vectors");
      // another variant of the same prompt is a different grid
      ScoreOutcome other = s.score(new ScoringInput(styled, 1, "no-reflection", png("b"), null));
      assertTrue(other.values().keySet().stream().noneMatch(k -> k.startsWith(OneIgAggregator.DIV_DISTANCE)));
    }
    var summary = new OneIgAggregator().aggregate(OneIgTestPrompts.set(styled), samples);
    // three non-black tiles a, b, a: pairs (a,b), (a,a), (b,a)
    double ab = OneIgRules.embeddingDistance(python("dreamsim", "a"), python("dreamsim", "b"));
    assertEquals((2 * ab + 0) / 3, summary.categories().get(OneIgAggregator.DIVERSITY), 1e-6);
  }

  @Test
  void aResumedRunFindsEarlierTilesOnDisk() throws Exception {
    Path dir = tmp.resolve("store");
    new OneIgDjlParts.EmbeddingStore(dir).putAndGetOthers("v", "anime_001", 0, new float[] {1, 2});
    Map<Integer, float[]> others = new OneIgDjlParts.EmbeddingStore(dir).putAndGetOthers("v", "anime_001", 3,
        new float[] {3, 4});
    assertEquals(List.of(0), new ArrayList<>(others.keySet()));
    assertEquals(2f, others.get(0)[1]);
  }

  static ScoredSample sample(Prompt p, int k, ScoreOutcome o) {
    return new ScoredSample(p, k, new ScoreRecord(new ScoreKey("oneig", p.id(), k, Variant.REFLECTION, "t"),
        o.values(), o.detail(), null, null, 0));
  }

  @Test
  void unconfiguredOrHalfConfiguredSaysWhatIsMissing() throws Exception {
    PromptSet set = OneIgTestPrompts.set(OneIgTestPrompts.prompt("reasoning", "000", 0, null));
    ScorerUnavailableException none = assertThrows(ScorerUnavailableException.class,
        () -> open(tmp, set, Map.of()));
    assertTrue(none.getMessage().contains("llm2clip=FILE.pt") && none.getMessage().contains("dreamsim=FILE.pt"),
        none.getMessage());
    ScorerUnavailableException half = assertThrows(ScorerUnavailableException.class,
        () -> open(tmp, set, Map.of("csd", "x.pt")));
    assertTrue(half.getMessage().contains("se=... is not"), half.getMessage());
    ScorerUnavailableException gone = assertThrows(ScorerUnavailableException.class,
        () -> open(tmp, set, Map.of("dreamsim", tmp.resolve("nope.pt").toString())));
    assertTrue(gone.getMessage().contains("dreamsim") && gone.getMessage().contains("does not exist"),
        gone.getMessage());
    Prompt other = OneIgTestPrompts.prompt("reasoning", "007", 0, null);
    ScorerUnavailableException noVector = assertThrows(ScorerUnavailableException.class,
        () -> open(tmp, OneIgTestPrompts.set(other), Map.of("llm2clip", fixtures.resolve("tiny_llm2clip.pt")
            .toString(), "llm2clip_text", fixtures.resolve("tiny_llm2clip_text.json").toString())));
    assertTrue(noVector.getMessage().contains("[007]"), noVector.getMessage());
  }

  /** The shared SE_embed.json declares [3, 1280] but holds 640 numbers a row: refused, the field named. */
  @Test
  void misDecodedStyleEncoderReferencesAreRefusedWithTheField() throws Exception {
    Path data = tmp.resolve("bad");
    writeRefs(data, 640);
    PromptSet set = OneIgTestPrompts.set(OneIgTestPrompts.prompt("anime", "001", 0, "watercolor"));
    Map<String, String> o = Map.of("csd", fixtures.resolve("tiny_csd.pt").toString(), "se",
        fixtures.resolve("tiny_se.pt").toString());
    ScorerUnavailableException e = assertThrows(ScorerUnavailableException.class, () -> open(data, set, o));
    assertTrue(e.getMessage().contains("abstract_expressionism.data[0]") && e.getMessage().contains("1280")
        && e.getMessage().contains("decode_style_refs.py"), e.getMessage());
  }
}
