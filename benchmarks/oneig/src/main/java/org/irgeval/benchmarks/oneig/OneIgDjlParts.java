package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.api.ScoringInput;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * The three embedding dimensions of OneIG-Bench/OneIG-Benchmark@41b4983 on TorchScript exports ({@link OneIgTorchScript};
 * exports made by benchmarks/oneig/tools/, docs/oneig.md section 6), each tile pre-processed as its model's official
 * code does ({@link OneIgPreprocess}), after the splitter's JPEG round trip when {@code jpeg} is set:
 * <ul>
 *   <li>reasoning (inference.py l.183-205, reasoning_score.py l.57): cosine of the LLM2CLIP image features and the
 *       GT answer's text features, both L2-normalised; the text side (LLM2Vec on Llama-3-8B + the LLM2CLIP text
 *       adapter) is read from a file of 225 vectors made by tools/embed_gt_answers.py;</li>
 *   <li>style (style_score.py l.77-81): the CSD style output and the StyleEncoder's L2-normalised image_embeds (both
 *       normalised again here: idempotent), dot products with the style's three references, the SE references used as
 *       stored ({@link OneIgStyleRefs});</li>
 *   <li>diversity (diversity_score.py l.23-27, l.71-73): DreamSim's embedding (its normalize_embedding inside the
 *       export) and distance {@code 1 - cos}. A tile is scored alone, so each tile's embedding is kept (in memory and
 *       as float32 under the scorer's cache folder of the run) and the tile records its distances to the tiles of the
 *       same prompt and variant embedded before it: every pair gets its distance from whichever tile came second, and
 *       the score detail carries at most three distances per tile, never the vector.</li>
 * </ul>
 */
final class OneIgDjlParts {
  private OneIgDjlParts() {}

  static BufferedImage input(BufferedImage tile, boolean jpeg) throws IOException {
    return jpeg ? OneIgPreprocess.jpegRoundTrip(tile) : tile;
  }

  static OneIgPart reasoning(OneIgTorchScript tower, GtEmbeddings text, boolean jpeg) {
    return new OneIgPart() {
      @Override
      public String fingerprint() {
        return "reasoning=llm2clip(" + tower.fingerprint() + ",text=" + text.fingerprint() + ",jpeg=" + jpeg + ")";
      }

      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
          throws Exception {
        String id = input.prompt().metadata().path("id").asText();
        double[] t = text.of(id);
        if (t == null) {
          throw new OneIgPart.Failed("the GT-answer embedding file has no vector for reasoning id " + id);
        }
        float[] e = tower.embed(OneIgPreprocess.LLM2CLIP.tensor(input(image, jpeg)), OneIgPreprocess.LLM2CLIP.size);
        if (e.length != t.length) {
          throw new OneIgPart.Failed("LLM2CLIP image features have " + e.length + " numbers, the GT-answer embeddings "
              + t.length + " (export and text file of different models?)");
        }
        return tile.withCosine(OneIgRules.cosine(toDouble(e), t));
      }
    };
  }

  static OneIgPart style(OneIgTorchScript csd, OneIgTorchScript se, OneIgStyleRefs refs, boolean jpeg) {
    return new OneIgPart() {
      @Override
      public String fingerprint() {
        return "style=csd+se(" + csd.fingerprint() + "," + se.fingerprint() + ",jpeg=" + jpeg + ")";
      }

      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
          throws Exception {
        String style = input.prompt().metadata().path("style").asText();
        double[][] csdRefs = refs.csd().get(style);
        double[][] seRefs = refs.se().get(style);
        if (csdRefs == null || seRefs == null) {
          throw new OneIgPart.Failed("no reference style embeddings for style " + style);
        }
        BufferedImage in = input(image, jpeg);
        double[] c = unit(csd.embed(OneIgPreprocess.CSD.tensor(in), OneIgPreprocess.CSD.size));
        double[] s = unit(se.embed(OneIgPreprocess.SE.tensor(in), OneIgPreprocess.SE.size));
        return tile.withStyle(dots(c, csdRefs, "CSD"), dots(s, seRefs, "SE"));
      }
    };
  }

  static OneIgPart diversity(OneIgTorchScript dreamsim, EmbeddingStore store, boolean jpeg) {
    return new OneIgPart() {
      @Override
      public String fingerprint() {
        return "diversity=dreamsim(" + dreamsim.fingerprint() + ",jpeg=" + jpeg + ")";
      }

      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail)
          throws Exception {
        float[] e = dreamsim.embed(OneIgPreprocess.DREAMSIM.tensor(input(image, jpeg)), OneIgPreprocess.DREAMSIM.size);
        Map<Integer, float[]> others = store.putAndGetOthers(input.variant(), input.prompt().id(), input.sample(), e);
        Map<Integer, Double> d = new TreeMap<>();
        others.forEach((j, o) -> {
          if (o.length == e.length) {
            d.put(j, OneIgRules.embeddingDistance(toDouble(e), toDouble(o)));
          }
        });
        detail.put("dreamsim_dim", e.length);
        return tile.withDistances(d);
      }
    };
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  static double[] unit(float[] f) {
    double[] d = toDouble(f);
    double n = Math.sqrt(dot(d, d));
    if (n == 0) {
      return d;
    }
    for (int i = 0; i < d.length; i++) {
      d[i] /= n;
    }
    return d;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] dots(double[] e, double[][] refs, String what) throws OneIgPart.Failed {
    double[] out = new double[refs.length];
    for (int j = 0; j < refs.length; j++) {
      if (refs[j].length != e.length) {
        throw new OneIgPart.Failed(what + " embedding has " + e.length + " numbers, its references " + refs[j].length);
      }
      out[j] = dot(e, refs[j]);
    }
    return out;
  }

  /**
   * The LLM2CLIP text features of the GT answers, made elsewhere by tools/embed_gt_answers.py:
   * {@code {"model": ..., "text_model": ..., "dim": D, "embeddings": {"000": [D numbers], ...}}}, keyed by the
   * reasoning id of {@code gt_answer.json}; every reasoning prompt of the run must have one.
   */
  record GtEmbeddings(Map<String, double[]> byId, String sha256, String file) {
    double[] of(String id) {
      return byId.get(id);
    }

    String fingerprint() {
      return file + "@sha256:" + sha256;
    }

    static GtEmbeddings read(Path path, PromptSet prompts) throws IOException, DataException {
      String shown = path.getFileName().toString();
      String raw = Files.readString(path);
      JsonNode all;
      try {
        all = Json.mapper().readTree(raw);
      } catch (IOException e) {
        throw new DataException(shown, 0, null, "not valid JSON: " + e.getMessage(), FORMAT);
      }
      JsonNode emb = all.path("embeddings");
      int dim = all.path("dim").asInt(-1);
      if (!emb.isObject() || dim < 1) {
        throw new DataException(shown, 0, emb.isObject() ? "dim" : "embeddings", "expected a positive \"dim\" and an"
            + " \"embeddings\" object", FORMAT);
      }
      Map<String, double[]> out = new HashMap<>();
      for (var it = emb.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode row = e.getValue();
        if (!row.isArray() || row.size() != dim) {
          throw new DataException(shown, 0, "embeddings." + e.getKey(), "expected " + dim + " numbers", FORMAT);
        }
        double[] v = new double[dim];
        for (int k = 0; k < dim; k++) {
          if (!row.get(k).isNumber()) {
            throw new DataException(shown, 0, "embeddings." + e.getKey() + "[" + k + "]", "not a number", FORMAT);
          }
          v[k] = row.get(k).asDouble();
        }
        out.put(e.getKey(), v);
      }
      List<String> missing = new ArrayList<>();
      for (Prompt p : prompts.prompts()) {
        if (p.category().equals(OneIgCategory.REASONING.folder())) {
          String id = p.metadata().path("id").asText();
          if (!out.containsKey(id)) {
            missing.add(id);
          }
        }
      }
      if (!missing.isEmpty()) {
        throw new DataException(shown, 0, "embeddings", "no vector for reasoning id(s) " + (missing.size() > 10
            ? missing.subList(0, 10) + " and " + (missing.size() - 10) + " more" : missing), FORMAT);
      }
      return new GtEmbeddings(out, Hashing.sha256(path), shown);
    }

    static final String FORMAT = "{\"dim\": D, \"embeddings\": {\"<reasoning id>\": [D numbers]}}"
        + " (benchmarks/oneig/tools/embed_gt_answers.py)";
  }

  /**
   * DreamSim embeddings of the tiles scored so far, per variant and prompt: in memory, and as little-endian float32
   * files {@code <dir>/<sha256(variant/prompt)>/<tile>.f32} so a resumed run still finds the earlier tiles. Putting a
   * tile and reading the others is one atomic step, so of two tiles scored at once one sees the other.
   */
  static final class EmbeddingStore {
    private final Path dir;
    private final Map<String, Map<Integer, float[]>> memory = new HashMap<>();

    EmbeddingStore(Path dir) {
      this.dir = dir;
    }

    synchronized Map<Integer, float[]> putAndGetOthers(String variant, String promptId, int sample, float[] e)
        throws IOException {
      String key = variant + "/" + promptId;
      Map<Integer, float[]> mine = memory.computeIfAbsent(key, k -> new HashMap<>());
      mine.put(sample, e.clone());
      Path folder = dir == null ? null : dir.resolve(Hashing.sha256(key.getBytes(java.nio.charset.StandardCharsets
          .UTF_8)).substring(0, 32));
      if (folder != null) {
        ByteBuffer b = ByteBuffer.allocate(4 * e.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : e) {
          b.putFloat(f);
        }
        AtomicFiles.write(dir.toAbsolutePath().getParent(), folder.resolve(sample + ".f32"), b.array());
      }
      Map<Integer, float[]> others = new TreeMap<>();
      for (int k = 0; k < OneIgGrid.TILES; k++) {
        if (k == sample) {
          continue;
        }
        float[] o = mine.get(k);
        if (o == null && folder != null && Files.isRegularFile(folder.resolve(k + ".f32"))) {
          ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(k + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
          o = new float[b.remaining() / 4];
          for (int i = 0; i < o.length; i++) {
            o[i] = b.getFloat();
          }
          mine.put(k, o);
        }
        if (o != null) {
          others.put(k, o);
        }
      }
      return others;
    }
  }

  /** Wraps a data problem of a model file as the scorer's unavailability, naming the option. */
  static ScorerUnavailableException unavailable(String option, Exception e) {
    return new ScorerUnavailableException("oneig-djl: --scorer-opt " + option + ": " + e.getMessage());
  }
}
