package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.Prompt;
import org.irgeval.util.Json;

/**
 * The raw outputs of the OneIG back ends for one tile, as the recorded-outputs format holds them (docs/oneig.md
 * section 4): whether the tile is all-black, the VLM's raw answers per question (alignment), the raw OCR string
 * (text), the image-answer cosine (reasoning), the dot products with the style's three references (style), and for
 * diversity the tile's embedding or its recorded distances to other tiles. Any part may be absent (a dimension not
 * scored by the chosen back end). {@link #values} turns it into the numbers {@link OneIgAggregator} reads, with the
 * official per-tile rules ({@link OneIgRules}).
 *
 * @param distances other tile index -> DreamSim distance (recorded pairs), or null
 */
record OneIgTile(boolean black, Map<String, String> answers, String ocr, Double cosine, double[] csdDots,
                 double[] seDots, double[] embedding, Map<Integer, Double> distances) {

  static OneIgTile blackTile() {
    return new OneIgTile(true, null, null, null, null, null, null, null);
  }

  /** The numbers of this tile for {@code prompt}'s dimensions (docs/oneig.md section 3). */
  Map<String, Double> values(Prompt prompt) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put(OneIgAggregator.BLACK, black ? 1.0 : 0.0);
    if (black) {
      return v;
    }
    JsonNode m = prompt.metadata();
    OneIgCategory cat = OneIgCategory.ofFolder(prompt.category()).orElseThrow();
    if (answers != null && cat.alignment()) {
      v.put(OneIgAggregator.ALIGNMENT, OneIgRules.alignmentTile(m.path("questions"), m.path("dependency"), answers));
    }
    if (ocr != null && cat == OneIgCategory.TEXT) {
      OneIgRules.TextTile t = OneIgRules.textTile(m.path("text_content").asText(), ocr);
      v.put(OneIgAggregator.TEXT_ED, t.ed());
      v.put(OneIgAggregator.TEXT_CR, t.cr());
      v.put(OneIgAggregator.TEXT_MATCHED, t.matched());
      v.put(OneIgAggregator.TEXT_GT_WORDS, t.gtWords());
      v.put(OneIgAggregator.TEXT_WAC, t.wac());
    }
    if (cosine != null && cat == OneIgCategory.REASONING) {
      v.put(OneIgAggregator.REASONING, cosine);
    }
    if (csdDots != null && seDots != null && m.hasNonNull("style")) {
      v.put(OneIgAggregator.STYLE, OneIgRules.styleTile(csdDots, seDots));
    }
    if (embedding != null) {
      for (int k = 0; k < embedding.length; k++) {
        v.put(OneIgAggregator.DIV_EMBEDDING + k, embedding[k]);
      }
    }
    if (distances != null) {
      new TreeMap<>(distances).forEach((j, d) -> v.put(OneIgAggregator.DIV_DISTANCE + j, d));
    }
    return v;
  }

  /** The tile object of the recorded format (diversity distances are line-level there and not written here). */
  ObjectNode toJson() {
    ObjectMapper mapper = Json.mapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("black", black);
    if (answers != null) {
      ObjectNode a = o.putObject("answers");
      answers.forEach(a::put);
    }
    if (ocr != null) {
      o.put("ocr", ocr);
    }
    if (cosine != null) {
      o.put("cosine", cosine);
    }
    if (csdDots != null) {
      o.set("csd_dots", mapper.valueToTree(csdDots));
    }
    if (seDots != null) {
      o.set("se_dots", mapper.valueToTree(seDots));
    }
    if (embedding != null) {
      o.set("embedding", mapper.valueToTree(embedding));
    }
    return o;
  }

  OneIgTile withAnswers(Map<String, String> a) {
    return new OneIgTile(black, a, ocr, cosine, csdDots, seDots, embedding, distances);
  }

  OneIgTile withOcr(String o) {
    return new OneIgTile(black, answers, o, cosine, csdDots, seDots, embedding, distances);
  }

  OneIgTile withCosine(Double c) {
    return new OneIgTile(black, answers, ocr, c, csdDots, seDots, embedding, distances);
  }

  OneIgTile withStyle(double[] csd, double[] se) {
    return new OneIgTile(black, answers, ocr, cosine, csd, se, embedding, distances);
  }

  OneIgTile withEmbedding(double[] e) {
    return new OneIgTile(black, answers, ocr, cosine, csdDots, seDots, e, distances);
  }

  OneIgTile withDistances(Map<Integer, Double> d) {
    return new OneIgTile(black, answers, ocr, cosine, csdDots, seDots, embedding, d);
  }

  static OneIgTile empty() {
    return new OneIgTile(false, null, null, null, null, null, null, null);
  }
}
