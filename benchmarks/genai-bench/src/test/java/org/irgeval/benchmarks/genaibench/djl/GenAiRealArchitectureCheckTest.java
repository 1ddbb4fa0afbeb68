package org.irgeval.benchmarks.genaibench.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.irgeval.scoring.djl.TorchScriptFile;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Java half of GenAI-Bench's real-architecture check (tools/check_real_architecture.sh, docs/genai-bench.md): the
 * export that tools/check_real_architecture.py wrote from CLIPT5ForConditionalGeneration (t2v_metrics@335e4c2, real
 * widths, seeded random weights) is scored the way {@link GenAiVqaDjlScorer#score} does it - {@link ClipT5Prompt}
 * builds the t5_chat chunks and labels, {@link ClipT5Preprocess} the pixel values from the image file,
 * {@link ClipFlanT5Model} runs the export and takes exp(-mean cross-entropy) - and compared with the official
 * {@code CLIPT5Model.forward} score of the same file. The token ids of each chunk are the official (slow) tokenizer's,
 * handed over in the manifest: the tokenizer is a stand-in there (FLAN-T5's vocabulary is on the model hub only).
 * The manifest's {@code tokenizer.json} of that stand-in vocabulary must give the same ids for every text through
 * {@link T5Tokenizer}, and {@link GenAiVqaDjlScorer#score} itself (tokenizer included) the same score.
 * Runs only when {@code -Dirgeval.realcheck.genai=DIR}; writes {@code DIR/java_result.json}.
 */
// Tag "realcheck": never in a default or CI build (the pom excludes it); real-architecture-check.sh lifts it.
@Tag("realcheck")
class GenAiRealArchitectureCheckTest {
  static final double TOLERANCE = 1e-4;

  @Test
  @EnabledIfSystemProperty(named = "irgeval.realcheck.genai", matches = ".+")
  void exportScoresLikeTheOfficialVqaScore() throws Exception {
    Path dir = Path.of(System.getProperty("irgeval.realcheck.genai"));
    JsonNode manifest = Json.mapper().readTree(dir.resolve("manifest.json").toFile());
    JsonNode items = manifest.get("items");
    assertTrue(items.size() >= 8, "at least 8 images");
    // the official ids of every text the scorer tokenizes: both chunks of each prompt and the answer
    Map<String, long[]> ids = new HashMap<>();
    for (JsonNode it : items) {
      String[] chunks = ClipT5Prompt.t5Chat(ClipT5Prompt.question(it.get("prompt").asText())).split("<image>", -1);
      ids.put(chunks[0], longs(it.get("pre")));
      ids.put(chunks[1], longs(it.get("post")));
      ids.put(ClipT5Prompt.ANSWER, longs(it.get("labels")));
    }
    ObjectNode result = Json.mapper().createObjectNode();
    ArrayNode rows = result.putArray("items");
    double maxRel = 0;
    double maxAbsLog = 0;
    double maxRelScorer = 0;
    int tokenizerMismatches = 0;
    ClipFlanT5Model model = new ClipFlanT5Model(
        TorchScriptFile.load("CLIP-FlanT5", dir.resolve(manifest.get("export").asText()), Device.cpu()));
    T5Tokenizer tokenizer = new T5Tokenizer(dir.resolve(manifest.get("tokenizer_json").asText()));
    // closes the model (and the tokenizer) at the end
    try (GenAiVqaDjlScorer scorer = new GenAiVqaDjlScorer("vqa_score", model, tokenizer, "check", "cpu")) {
      for (Map.Entry<String, long[]> e : ids.entrySet()) {
        if (!Arrays.equals(e.getValue(), tokenizer.encode(e.getKey()))) {
          tokenizerMismatches++;
          System.out.printf("tokenizer.json differs from the slow tokenizer on %s: %s vs %s%n", e.getKey(),
              Arrays.toString(tokenizer.encode(e.getKey())), Arrays.toString(e.getValue()));
        }
      }
      for (JsonNode it : items) {
        BufferedImage img = ImageIO.read(dir.resolve(it.get("image").asText()).toFile());
        ClipT5Prompt.Tokens tokens = ClipT5Prompt.tokens(it.get("prompt").asText(), text -> {
          long[] v = ids.get(text);
          if (v == null) {
            throw new IllegalStateException("no official ids for the text " + text);
          }
          return v;
        });
        assertArrayEquals(longs(it.get("pre")), tokens.pre());
        assertArrayEquals(longs(it.get("post")), tokens.post());
        float[][] logits = model.logits(tokens, ClipT5Preprocess.pixelValues(img));
        double java = ClipFlanT5Model.vqaScore(logits, tokens.labels());
        double official = it.get("official").asDouble();
        double rel = Math.abs(java - official) / Math.abs(official);
        maxRel = Math.max(maxRel, rel);
        maxAbsLog = Math.max(maxAbsLog, Math.abs(Math.log(java) - Math.log(official)));
        ObjectNode row = rows.addObject();
        row.put("image", it.get("image").asText());
        row.put("official", official);
        row.put("java", java);
        row.put("rel_diff", rel);
        double viaScorer = scorer.score(img, it.get("prompt").asText(), null);
        row.put("java_scorer", viaScorer);
        maxRelScorer = Math.max(maxRelScorer, Math.abs(viaScorer - official) / Math.abs(official));
        System.out.printf("genai real-architecture check %s: official %.9g java %.9g rel %.3g, scorer %.9g%n",
            it.get("image").asText(), official, java, rel, viaScorer);
      }
    }
    result.put("model", manifest.get("model").asText());
    result.put("images", items.size());
    result.put("max_rel_diff_score", maxRel);
    result.put("max_abs_diff_mean_logprob", maxAbsLog);
    result.put("tokenizer_texts", ids.size());
    result.put("tokenizer_mismatches", tokenizerMismatches);
    result.put("max_rel_diff_score_scorer", maxRelScorer);
    result.put("tolerance_rel", TOLERANCE);
    AtomicFiles.write(dir.resolve("java_result.json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    assertTrue(maxRel <= TOLERANCE, "max relative difference " + maxRel + " over " + TOLERANCE);
    assertTrue(tokenizerMismatches == 0, tokenizerMismatches + " texts tokenized differently from the slow tokenizer");
    assertTrue(maxRelScorer <= TOLERANCE, "through GenAiVqaDjlScorer: " + maxRelScorer + " over " + TOLERANCE);
  }

  static long[] longs(JsonNode a) {
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asLong();
    }
    return v;
  }
}
