package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.data.JsonLines;

/**
 * The recorded-outputs format (docs/oneig.md section 4): a folder of up to five JSON-lines files,
 * {@code alignment.jsonl}, {@code text.jsonl}, {@code reasoning.jsonl}, {@code style.jsonl}, {@code diversity.jsonl},
 * one line per prompt: {@code {"category": "anime", "id": "007", "image": "present"|"missing", "tiles": [4 x {"black":
 * bool, ...}] | null}} with, per non-black tile, {@code "answers": {"<question id>": "<raw answer>"}} (alignment),
 * {@code "ocr"} (text), {@code "cosine"} (reasoning), {@code "csd_dots"} and {@code "se_dots"} (style), and for
 * diversity a line-level {@code "pairs": [{"a": i, "b": j, "distance": d}]} over every pair of non-black tiles.
 * Tiles are in row-major grid order; a {@code "model"} field is ignored. Every malformed line is a
 * {@link DataException} naming file, line and field.
 */
final class OneIgRecorded {
  static final List<String> FILES = List.of("alignment.jsonl", "text.jsonl", "reasoning.jsonl", "style.jsonl",
      "diversity.jsonl");
  static final String FORMAT = "the OneIG recorded-outputs format (docs/oneig.md section 4)";

  /** The recorded tiles of one prompt, merged over the files. */
  record Entry(Prompt prompt, boolean present, OneIgTile[] tiles) {}

  private OneIgRecorded() {}

  /** True when {@code path} is a recorded file or a folder holding at least one. */
  static boolean isRecorded(Path path) {
    if (Files.isRegularFile(path)) {
      return FILES.contains(path.getFileName().toString());
    }
    return FILES.stream().anyMatch(f -> Files.isRegularFile(path.resolve(f)));
  }

  /**
   * Reads a folder (every recorded file in it) or one file, against {@code prompts}.
   *
   * @return prompt id -> entry, in prompt order
   */
  static Map<String, Entry> read(Path path, PromptSet prompts) throws DataException, IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      for (String f : FILES) {
        if (Files.isRegularFile(path.resolve(f))) {
          files.add(path.resolve(f));
        }
      }
      if (files.isEmpty()) {
        throw new DataException(path.toString(), 0, null, "no recorded file (" + String.join(", ", FILES)
            + ") in this folder", FORMAT);
      }
    }
    Map<String, Prompt> byKey = new HashMap<>();
    for (Prompt p : prompts.prompts()) {
      byKey.put(p.id(), p);
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String dim = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
      if (!OneIgAggregator.DIMENSIONS.contains(dim)) {
        throw new DataException(name, 0, null, "not one of " + FILES, FORMAT);
      }
      List<JsonLines.Line> lines = JsonLines.read(f, name, FORMAT);
      if (lines.isEmpty()) {
        throw new DataException(name, 0, null, "no records", FORMAT);
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (JsonLines.Line l : lines) {
        readLine(name, dim, l, byKey, seen, out);
      }
    }
    Map<String, Entry> ordered = new LinkedHashMap<>();
    for (Prompt p : prompts.prompts()) {
      if (out.containsKey(p.id())) {
        ordered.put(p.id(), out.get(p.id()));
      }
    }
    return ordered;
  }

  private static void readLine(String name, String dim, JsonLines.Line l, Map<String, Prompt> byKey,
                               java.util.Set<String> seen, Map<String, Entry> out) throws DataException {
    JsonNode row = l.row();
    long n = l.number();
    String category = text(row, "category", name, n);
    OneIgCategory cat = OneIgCategory.ofFolder(category).orElseThrow(() -> new DataException(name, n, "category",
        "'" + category + "' is not one of " + OneIgCategory.folders(), FORMAT));
    String id = text(row, "id", name, n);
    Prompt p = byKey.get(cat.folder() + "_" + id);
    if (p == null) {
      throw new DataException(name, n, "id", "no " + category + " prompt with id '" + id + "'", FORMAT);
    }
    if (!OneIgAggregator.dimensionsOf(p).contains(dim)) {
      throw new DataException(name, n, "category", p.id() + " is not scored for " + dim, FORMAT);
    }
    if (!seen.add(p.id())) {
      throw new DataException(name, n, "id", "a second line for " + p.id(), FORMAT);
    }
    String image = text(row, "image", name, n);
    if (!image.equals("present") && !image.equals("missing")) {
      throw new DataException(name, n, "image", "'" + image + "' is neither present nor missing", FORMAT);
    }
    JsonNode tiles = row.get("tiles");
    Entry prev = out.get(p.id());
    if (image.equals("missing")) {
      if (tiles != null && !tiles.isNull()) {
        throw new DataException(name, n, "tiles", "a missing image has no tiles (null)", FORMAT);
      }
      if (prev != null && prev.present()) {
        throw new DataException(name, n, "image", p.id() + " is present in another recorded file", FORMAT);
      }
      out.put(p.id(), new Entry(p, false, new OneIgTile[0]));
      return;
    }
    if (tiles == null || !tiles.isArray() || tiles.size() != OneIgGrid.TILES) {
      throw new DataException(name, n, "tiles", "expected " + OneIgGrid.TILES + " tiles (row-major)", FORMAT);
    }
    if (prev != null && !prev.present()) {
      throw new DataException(name, n, "image", p.id() + " is missing in another recorded file", FORMAT);
    }
    OneIgTile[] merged = prev == null ? new OneIgTile[OneIgGrid.TILES] : prev.tiles();
    for (int k = 0; k < OneIgGrid.TILES; k++) {
      JsonNode t = tiles.get(k);
      String f = "tiles[" + k + "]";
      if (!t.isObject() || !t.path("black").isBoolean()) {
        throw new DataException(name, n, f + ".black", "expected a boolean", FORMAT);
      }
      boolean black = t.get("black").asBoolean();
      OneIgTile cur = merged[k] == null ? (black ? OneIgTile.blackTile() : OneIgTile.empty()) : merged[k];
      if (cur.black() != black) {
        throw new DataException(name, n, f + ".black", "disagrees with another recorded file", FORMAT);
      }
      if (!black) {
        cur = readTile(name, n, f, dim, t, p, cur);
      }
      merged[k] = cur;
    }
    if (dim.equals(OneIgAggregator.DIVERSITY)) {
      readPairs(name, n, row, merged);
    }
    out.put(p.id(), new Entry(p, true, merged));
  }

  private static OneIgTile readTile(String name, long n, String f, String dim, JsonNode t, Prompt p, OneIgTile cur)
      throws DataException {
    switch (dim) {
      case OneIgAggregator.ALIGNMENT -> {
        JsonNode a = t.get("answers");
        if (a == null || !a.isObject()) {
          throw new DataException(name, n, f + ".answers", "expected an object question id -> raw answer", FORMAT);
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Iterator<String> it = p.metadata().path("questions").fieldNames(); it.hasNext(); ) {
          String q = it.next();
          JsonNode v = a.get(q);
          if (v == null || !v.isTextual()) {
            throw new DataException(name, n, f + ".answers." + q, "no raw answer (text) to question " + q, FORMAT);
          }
          answers.put(q, v.asText());
        }
        return cur.withAnswers(answers);
      }
      case OneIgAggregator.TEXT -> {
        JsonNode o = t.get("ocr");
        if (o == null || !o.isTextual()) {
          throw new DataException(name, n, f + ".ocr", "expected the raw OCR string", FORMAT);
        }
        return cur.withOcr(o.asText());
      }
      case OneIgAggregator.REASONING -> {
        JsonNode c = t.get("cosine");
        if (c == null || !c.isNumber() || !Double.isFinite(c.asDouble())) {
          throw new DataException(name, n, f + ".cosine", "expected a number", FORMAT);
        }
        return cur.withCosine(c.asDouble());
      }
      case OneIgAggregator.STYLE -> {
        return cur.withStyle(numbers(t.get("csd_dots"), name, n, f + ".csd_dots"),
            numbers(t.get("se_dots"), name, n, f + ".se_dots"));
      }
      default -> {
        return cur;
      }
    }
  }

  private static void readPairs(String name, long n, JsonNode row, OneIgTile[] tiles) throws DataException {
    JsonNode pairs = row.get("pairs");
    if (pairs == null || !pairs.isArray()) {
      throw new DataException(name, n, "pairs", "expected a list of {a, b, distance}", FORMAT);
    }
    List<Map<Integer, Double>> dist = new ArrayList<>();
    for (int k = 0; k < OneIgGrid.TILES; k++) {
      dist.add(new java.util.TreeMap<>());
    }
    for (int i = 0; i < pairs.size(); i++) {
      JsonNode e = pairs.get(i);
      String f = "pairs[" + i + "]";
      int a = index(e.get("a"), name, n, f + ".a", tiles);
      int b = index(e.get("b"), name, n, f + ".b", tiles);
      if (a == b) {
        throw new DataException(name, n, f + ".b", "a pair of one tile with itself", FORMAT);
      }
      JsonNode d = e.get("distance");
      if (d == null || !d.isNumber() || !Double.isFinite(d.asDouble())) {
        throw new DataException(name, n, f + ".distance", "expected a number", FORMAT);
      }
      dist.get(Math.max(a, b)).put(Math.min(a, b), d.asDouble());
    }
    for (int a = 0; a < OneIgGrid.TILES; a++) {
      for (int b = a + 1; b < OneIgGrid.TILES; b++) {
        if (!tiles[a].black() && !tiles[b].black() && !dist.get(b).containsKey(a)) {
          throw new DataException(name, n, "pairs", "no distance for tiles " + a + " and " + b
              + " (every pair of non-black tiles is needed)", FORMAT);
        }
      }
    }
    for (int k = 0; k < OneIgGrid.TILES; k++) {
      if (!tiles[k].black()) {
        tiles[k] = tiles[k].withDistances(dist.get(k));
      }
    }
  }

  private static int index(JsonNode v, String name, long n, String f, OneIgTile[] tiles) throws DataException {
    if (v == null || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= OneIgGrid.TILES) {
      throw new DataException(name, n, f, "expected a tile index 0..3", FORMAT);
    }
    if (tiles[v.asInt()].black()) {
      throw new DataException(name, n, f, "tile " + v.asInt() + " is black (black tiles are dropped)", FORMAT);
    }
    return v.asInt();
  }

  private static double[] numbers(JsonNode v, String name, long n, String f) throws DataException {
    if (v == null || !v.isArray() || v.isEmpty()) {
      throw new DataException(name, n, f, "expected a list of numbers", FORMAT);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isNumber()) {
        throw new DataException(name, n, f + "[" + i + "]", "not a number", FORMAT);
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  private static String text(JsonNode row, String field, String name, long n) throws DataException {
    JsonNode v = row.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new DataException(name, n, field, "expected a non-empty string", FORMAT);
    }
    return v.asText();
  }
}
