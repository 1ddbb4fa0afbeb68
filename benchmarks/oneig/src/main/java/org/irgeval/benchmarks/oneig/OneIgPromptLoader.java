package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.data.DataFiles;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Reads the EN files of OneIG-Bench (OneIG-Bench/OneIG-Benchmark@41b4983) from {@code <data>/oneig/}, laid out as
 * the repository keeps them minus the {@code scripts/} prefixes (docs/oneig.md section 1):
 * <ul>
 *   <li>{@code OneIG-Bench.csv}: {@code category,id,prompt_en,type,prompt_length,class}; 1120 EN prompts;</li>
 *   <li>{@code alignment_Q_D/{anime,human,object}.json} ({@code scripts/alignment/Q_D/}): per id a {@code question}
 *       and a {@code dependency} object, given as JSON strings or objects (alignment_score.py l.93-96);</li>
 *   <li>{@code text/text_content.csv}: the GT text of the 200 text prompts (a Python list literal);</li>
 *   <li>{@code reasoning/gt_answer.json}: the GT answer text of the 225 reasoning prompts;</li>
 *   <li>{@code style/style.csv}: the style class of each anime id (empty = no style; 114 styled);</li>
 *   <li>{@code style/CSD_embed.json}, {@code style/SE_embed.json}: the reference style embeddings decoded from the
 *       official {@code .pt} files, checked when present (only the style embedding back end needs them).</li>
 * </ul>
 * Prompt ids are {@code <folder>_<id>} (e.g. {@code anime_012}), the row key of the official per-prompt CSVs
 * (alignment_score.py l.106). Every malformed record is a {@link DataException} naming file, line and field.
 */
final class OneIgPromptLoader {
  static final String DIR = "oneig";
  static final String SOURCE = "https://github.com/OneIG-Bench/OneIG-Benchmark (OneIG-Bench.csv, scripts/)";
  static final String PROMPTS = "OneIG-Bench.csv";
  static final String TEXT = "text/text_content.csv";
  static final String REASONING = "reasoning/gt_answer.json";
  static final String STYLE = "style/style.csv";

  /** The 29 styles in official order: OneIG-Bench/OneIG-Benchmark@41b4983 scripts/style/style_score.py l.18. */
  static final List<String> STYLES = List.of("abstract_expressionism", "art_nouveau", "baroque",
      "chinese_ink_painting", "cubism", "fauvism", "impressionism", "line_art", "minimalism", "pointillism", "pop_art",
      "rococo", "ukiyo-e", "clay", "crayon", "graffiti", "lego", "comic", "pencil_sketch", "stone_sculpture",
      "watercolor", "celluloid", "chibi", "cyberpunk", "ghibli", "impasto", "pixar", "pixel_art", "3d_rendering");

  private final ObjectMapper mapper = Json.mapper();

  PromptSet load(Path dataDir, String imageModel) throws DataException {
    Path root = dataDir.resolve(DIR);
    if (!Files.isDirectory(root)) {
      throw new DataException(DIR, 0, null, "folder not found under " + dataDir, SOURCE);
    }
    List<DataFile> files = new ArrayList<>();
    OneIgCsv csv = csv(root, PROMPTS, files, "category", "id", "prompt_en", "type", "prompt_length", "class");
    Map<OneIgCategory, Map<String, JsonNode>> qd = new HashMap<>();
    for (OneIgCategory c : OneIgCategory.values()) {
      if (c.alignment()) {
        qd.put(c, questionsAndDependencies(root, c, files));
      }
    }
    OneIgCsv text = csv(root, TEXT, files, "id", "text_content");
    Map<String, String> textGt = new HashMap<>();
    for (OneIgCsv.Row r : text.rows()) {
      String id = id(r, TEXT);
      String gt = r.get("text_content");
      if (gt == null || gt.isBlank()) {
        throw err(TEXT, r.line(), "text_content", "empty GT text");
      }
      if (textGt.put(id, gt) != null) {
        throw err(TEXT, r.line(), "id", "duplicate id " + id);
      }
    }
    JsonNode answers = json(root, REASONING, files);
    if (!answers.isObject()) {
      throw err(REASONING, 1, null, "expected an object id -> answer text");
    }
    OneIgCsv style = csv(root, STYLE, files, "id", "class");
    Map<String, String> styleOf = new HashMap<>();
    for (OneIgCsv.Row r : style.rows()) {
      String id = id(r, STYLE);
      String cls = r.get("class");
      if (styleOf.containsKey(id)) {
        continue; // style_score.py l.63 takes the first row of an id
      }
      if (!cls.isEmpty()) {
        // style_score.py l.63-67: lower-cased, spaces to '_', the key into the reference embeddings
        String key = styleKey(cls);
        if (!STYLES.contains(key)) {
          throw err(STYLE, r.line(), "class", "'" + cls + "' is not one of the 29 styles of style_score.py l.18");
        }
        styleOf.put(id, key);
      } else {
        styleOf.put(id, "");
      }
    }

    List<Prompt> prompts = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (OneIgCategory c : OneIgCategory.values()) {
      counts.put(c.folder(), 0);
    }
    Set<String> seen = new HashSet<>();
    for (OneIgCsv.Row r : csv.rows()) {
      String catName = r.get("category");
      OneIgCategory cat = OneIgCategory.ofOfficial(catName).orElseThrow(() -> err(PROMPTS, r.line(), "category",
          "'" + catName + "' is not an EN category (Anime_Stylization, Portrait, General_Object, Text_Rendering,"
              + " Knowledge_Reasoning)"));
      String id = id(r, PROMPTS);
      String text1 = r.get("prompt_en");
      if (text1 == null || text1.isBlank()) {
        throw err(PROMPTS, r.line(), "prompt_en", "empty prompt");
      }
      String type = r.get("type");
      if (!type.equals("NP") && !type.equals("T, P")) {
        throw err(PROMPTS, r.line(), "type", "'" + type + "' is neither NP nor 'T, P'");
      }
      String length = r.get("prompt_length");
      if (!List.of("short", "middle", "long").contains(length)) {
        throw err(PROMPTS, r.line(), "prompt_length", "'" + length + "' is not short, middle or long");
      }
      String pid = cat.folder() + "_" + id;
      if (!seen.add(pid)) {
        throw err(PROMPTS, r.line(), "id", "duplicate id " + id + " in " + catName);
      }
      ObjectNode m = mapper.createObjectNode();
      m.put("category", catName);
      m.put("folder", cat.folder());
      m.put("id", id);
      m.put("type", type);
      m.put("prompt_length", length);
      m.put("class", r.get("class"));
      if (imageModel != null) {
        m.put(OneIgImageLayout.MODEL_KEY, imageModel);
      }
      if (cat.alignment()) {
        JsonNode q = qd.get(cat).get(id);
        if (q == null) {
          throw err(PROMPTS, r.line(), "id", "id " + id + " has no entry in alignment_Q_D/" + cat.folder() + ".json");
        }
        m.set("questions", q.get("questions"));
        m.set("dependency", q.get("dependency"));
      }
      if (cat == OneIgCategory.TEXT) {
        String gt = textGt.get(id);
        if (gt == null) {
          throw err(PROMPTS, r.line(), "id", "text prompt " + id + " has no row in " + TEXT);
        }
        m.put("text_content", gt);
      }
      if (cat == OneIgCategory.REASONING) {
        JsonNode a = answers.get(id);
        if (a == null || !a.isTextual() || a.asText().isBlank()) {
          throw err(PROMPTS, r.line(), "id", "reasoning prompt " + id + " has no answer text in " + REASONING);
        }
        m.put("gt_answer", a.asText());
      }
      if (cat == OneIgCategory.ANIME) {
        String s = styleOf.get(id);
        if (s == null) {
          throw err(PROMPTS, r.line(), "id", "anime prompt " + id + " has no row in " + STYLE);
        }
        if (!s.isEmpty()) {
          m.put("style", s);
        }
      }
      prompts.add(new Prompt(pid, prompts.size(), text1, cat.folder(), m));
      counts.merge(cat.folder(), 1, Integer::sum);
    }
    return new PromptSet(OneIgBenchmark.ID, version(imageModel), prompts, files, counts);
  }

  /** EN, plus the model folder named with {@code --bench-opt oneig.model}. */
  static String version(String imageModel) {
    return "EN" + (imageModel == null ? "" : "; model=" + imageModel);
  }

  /** The key of a style class: style_score.py l.67 {@code lower().replace(' ', '_')}. */
  static String styleKey(String cls) {
    return cls.toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  /**
   * One Q&D file: per id {@code {"questions": {"1": text, ...}, "dependency": {"1": [parents], ...}}} with question
   * ids 1..N in order (alignment_score.py l.53-56 sums {@code filter_score[question_id + 1]} for
   * {@code question_id in range(len(...))}, so other ids crash it) and dependency keys among the questions
   * (l.51 writes {@code filter_score[id]}). A parent id that is no question is kept: the official loop swallows it
   * (l.42-49, a bare {@code except}).
   */
  private Map<String, JsonNode> questionsAndDependencies(Path root, OneIgCategory c, List<DataFile> files)
      throws DataException {
    String shown = "alignment_Q_D/" + c.folder() + ".json";
    String raw = readText(root, shown, files);
    JsonNode all;
    try {
      all = mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      throw err(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, "not valid JSON: "
          + e.getOriginalMessage());
    }
    if (all == null || !all.isObject()) {
      throw err(shown, 1, null, "expected an object id -> {question, dependency}");
    }
    Map<String, JsonNode> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      long line = lineOf(raw, e.getKey());
      JsonNode q = embedded(e.getValue().get("question"), shown, line, "question");
      JsonNode d = embedded(e.getValue().get("dependency"), shown, line, "dependency");
      ObjectNode questions = mapper.createObjectNode();
      int k = 0;
      for (Iterator<Map.Entry<String, JsonNode>> qi = q.fields(); qi.hasNext(); ) {
        Map.Entry<String, JsonNode> qe = qi.next();
        k++;
        if (!qe.getKey().equals(Integer.toString(k))) {
          throw err(shown, line, "question", "id " + e.getKey() + ": question ids must be 1.." + q.size()
              + " in order (found '" + qe.getKey() + "' at position " + k + ")");
        }
        if (!qe.getValue().isTextual() || qe.getValue().asText().isBlank()) {
          throw err(shown, line, "question", "id " + e.getKey() + ": question " + qe.getKey() + " is not a text");
        }
        questions.put(qe.getKey(), qe.getValue().asText());
      }
      if (questions.isEmpty()) {
        throw err(shown, line, "question", "id " + e.getKey() + ": no questions");
      }
      ObjectNode deps = mapper.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> di = d.fields(); di.hasNext(); ) {
        Map.Entry<String, JsonNode> de = di.next();
        if (!questions.has(de.getKey())) {
          throw err(shown, line, "dependency", "id " + e.getKey() + ": dependency of question " + de.getKey()
              + ", which does not exist");
        }
        if (!de.getValue().isArray()) {
          throw err(shown, line, "dependency", "id " + e.getKey() + ": parents of " + de.getKey() + " are not a list");
        }
        ArrayNode parents = deps.putArray(de.getKey());
        for (JsonNode p : de.getValue()) {
          if (!p.isIntegralNumber() || p.asInt() < 0) {
            throw err(shown, line, "dependency", "id " + e.getKey() + ": parent " + p + " of question " + de.getKey()
                + " is not a question id (0 = root)");
          }
          parents.add(p.asInt());
        }
      }
      ObjectNode entry = mapper.createObjectNode();
      entry.set("questions", questions);
      entry.set("dependency", deps);
      out.put(e.getKey(), entry);
    }
    return out;
  }

  /** A Q&D field: a JSON object, or a string holding one (alignment_score.py l.93-96). */
  private JsonNode embedded(JsonNode v, String shown, long line, String field) throws DataException {
    if (v == null) {
      throw err(shown, line, field, "missing");
    }
    JsonNode o = v;
    if (v.isTextual()) {
      try {
        o = mapper.readTree(v.asText());
      } catch (JsonProcessingException e) {
        throw err(shown, line, field, "not a JSON object: " + e.getOriginalMessage());
      }
    }
    if (o == null || !o.isObject()) {
      throw err(shown, line, field, "expected a JSON object");
    }
    return o;
  }

  /** The 1-based line where {@code "key":} first appears (for errors). */
  static long lineOf(String raw, String key) {
    Matcher m = Pattern.compile("\"" + java.util.regex.Pattern.quote(key)
        + "\"\\s*:").matcher(raw);
    if (!m.find()) {
      return 0;
    }
    long line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (raw.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String id(OneIgCsv.Row r, String shown) throws DataException {
    String id = r.get("id");
    // The scripts glob `id + '*'` and take the id from a file name's first 3 characters (reasoning_score.py l.54).
    if (id == null || !id.matches("\\d{3}")) {
      throw err(shown, r.line(), "id", "'" + id + "' is not a 3-digit id");
    }
    return id;
  }

  private OneIgCsv csv(Path root, String shown, List<DataFile> files, String... required) throws DataException {
    return OneIgCsv.parse(readText(root, shown, files), shown, SOURCE, required);
  }

  private JsonNode json(Path root, String shown, List<DataFile> files) throws DataException {
    String raw = readText(root, shown, files);
    try {
      return mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      throw err(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, "not valid JSON: "
          + e.getOriginalMessage());
    }
  }

  /** Reads and hashes one file. */
  static String readText(Path root, String shown, List<DataFile> files) throws DataException {
    Path f = root.resolve(shown);
    if (!Files.isRegularFile(f)) {
      throw err(shown, 0, null, "file not found under " + root);
    }
    try {
      byte[] bytes = DataFiles.readAllBytes(f, shown);
      files.add(new DataFile(DIR + "/" + shown, Hashing.sha256(bytes), bytes.length));
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw err(shown, 0, null, "cannot read: " + e.getMessage());
    }
  }

  static DataException err(String file, long line, String field, String problem) {
    return new DataException(DIR + "/" + file, line, field, problem, SOURCE);
  }
}
