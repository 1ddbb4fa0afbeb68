package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.store.AtomicFiles;
import org.irgeval.util.Json;

/**
 * Writes one variant's tiles as recorded outputs ({@link OneIgRecorded}): {@code alignment.jsonl} ...
 * {@code diversity.jsonl} next to the exported grids, one line per prompt of each dimension. A tile that was not
 * scored (failed or never generated) is written {@code {"black": true}}: the exported grid holds it all-black, which
 * is what the official scripts see. Reading the folder back with {@code oneig-recorded} or {@code irg-eval import}
 * gives the same numbers.
 */
final class OneIgResultsExporter implements OfficialResultsExporter {
  @Override
  public void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException {
    ObjectMapper mapper = Json.mapper();
    Map<String, ScoredSample[]> byPrompt = new HashMap<>();
    for (ScoredSample s : samples) {
      if (!s.score().failed() && s.sample() >= 0 && s.sample() < OneIgGrid.TILES) {
        byPrompt.computeIfAbsent(s.prompt().id(), k -> new ScoredSample[OneIgGrid.TILES])[s.sample()] = s;
      }
    }
    Map<String, StringBuilder> files = new LinkedHashMap<>();
    OneIgAggregator.DIMENSIONS.forEach(d -> files.put(d, new StringBuilder()));
    for (Prompt p : prompts.prompts()) {
      ScoredSample[] tiles = byPrompt.get(p.id());
      for (String d : OneIgAggregator.dimensionsOf(p)) {
        ObjectNode line = mapper.createObjectNode();
        line.put("category", p.category());
        line.put("id", p.metadata().path("id").asText());
        if (tiles == null) {
          line.put("image", "missing");
          line.putNull("tiles");
          files.get(d).append(mapper.writeValueAsString(line)).append('\n');
          continue;
        }
        line.put("image", "present");
        ArrayNode arr = line.putArray("tiles");
        boolean complete = true;
        for (int k = 0; k < OneIgGrid.TILES; k++) {
          JsonNode t = tiles[k] == null || tiles[k].score().detail() == null ? null
              : tiles[k].score().detail().get("tile");
          ObjectNode o = arr.addObject();
          boolean black = t == null || t.path("black").asBoolean(true);
          o.put("black", black);
          if (black) {
            continue;
          }
          for (String f : fieldsOf(d)) {
            if (t.has(f)) {
              o.set(f, t.get(f));
            } else {
              complete = false;
            }
          }
        }
        if (d.equals(OneIgAggregator.DIVERSITY)) {
          ArrayNode pairs = line.putArray("pairs");
          for (int a = 0; a < OneIgGrid.TILES && complete; a++) {
            for (int b = a + 1; b < OneIgGrid.TILES; b++) {
              if (arr.get(a).get("black").asBoolean() || arr.get(b).get("black").asBoolean()) {
                continue;
              }
              Double dist = distance(tiles[a].score().values(), tiles[b].score().values(), a, b);
              if (dist == null) {
                complete = false;
                break;
              }
              pairs.addObject().put("a", a).put("b", b).put("distance", dist);
            }
          }
        }
        if (complete) {
          files.get(d).append(mapper.writeValueAsString(line)).append('\n');
        }
      }
    }
    for (var e : files.entrySet()) {
      AtomicFiles.write(dir, dir.resolve(e.getKey() + ".jsonl"), e.getValue().toString());
    }
  }

  private static List<String> fieldsOf(String d) {
    return switch (d) {
      case OneIgAggregator.ALIGNMENT -> List.of("answers");
      case OneIgAggregator.TEXT -> List.of("ocr");
      case OneIgAggregator.REASONING -> List.of("cosine");
      case OneIgAggregator.STYLE -> List.of("csd_dots", "se_dots");
      default -> List.of();
    };
  }

  private static Double distance(Map<String, Double> va, Map<String, Double> vb, int a, int b) {
    Double d = vb.get(OneIgAggregator.DIV_DISTANCE + a);
    if (d == null) {
      d = va.get(OneIgAggregator.DIV_DISTANCE + b);
    }
    if (d != null) {
      return d;
    }
    double[] ea = emb(va);
    double[] eb = emb(vb);
    return ea == null || eb == null || ea.length != eb.length ? null : OneIgRules.embeddingDistance(ea, eb);
  }

  private static double[] emb(Map<String, Double> v) {
    int n = 0;
    while (v.containsKey(OneIgAggregator.DIV_EMBEDDING + n)) {
      n++;
    }
    if (n == 0) {
      return null;
    }
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      e[k] = v.get(OneIgAggregator.DIV_EMBEDDING + k);
    }
    return e;
  }
}
