package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.util.Json;

/**
 * Reads one model's tree of official judge outputs, {@code DIR/<type>/<short|long>/<line_idx>.json}, each the record
 * of A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py} l.198-209 (as the released {@code eval-results/}
 * folders hold them; docs/tiif.md section 2.5). Scored as {@code summary_results.py} l.57-97 reads them: the
 * answers are {@code zip(gt_answers, model_pred)}, compared stripped and lower-cased.
 *
 * <p>The released testmini results number {@code style} and {@code real_world} by their full-set line
 * (docs/tiif.md section 1.5); with prompt files at hand a record is therefore matched by its line and, when that
 * line asks other questions, by its questions.
 */
final class TiifResultsImporter implements OfficialResultsImporter {
  static final String SCORER = "tiif-official";
  private final ObjectMapper mapper = Json.mapper();

  /** One parsed result file. */
  private record Result(Path file, String type, String length, int line, List<String> questions, List<String> gt,
                        List<String> pred) {}

  @Override
  public List<ScoredSample> read(Path dir, PromptSet prompts) throws DataException, IOException {
    Map<String, Prompt> byId = new HashMap<>();
    Map<String, Prompt> byQuestions = new HashMap<>();
    for (Prompt p : prompts.prompts()) {
      byId.put(p.id(), p);
      byQuestions.put(questionKey(p.metadata().path("type").asText(), p.metadata().path("length").asText(),
          texts(p.metadata().path("eval").path("yn_question_list"))), p);
    }
    List<ScoredSample> out = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Result r : results(dir)) {
      Prompt p = byId.get(TiifPromptLoader.idOf(r.type, r.length, r.line));
      if (p == null || !texts(p.metadata().path("eval").path("yn_question_list")).equals(r.questions)) {
        p = byQuestions.get(questionKey(r.type, r.length, r.questions));
      }
      if (p == null) {
        throw new DataException(r.file.toString(), 0, "questions", "no " + prompts.version() + " prompt of type "
            + r.type + " at line " + r.line + " or with these questions", TiifPromptLoader.SOURCE);
      }
      Path before = seen.putIfAbsent(p.id(), r.file);
      if (before != null) {
        throw new DataException(r.file.toString(), 0, "line_idx", "the same prompt as " + before, null);
      }
      int correct = 0;
      int total = Math.min(r.gt.size(), r.pred.size());
      for (int k = 0; k < total; k++) {
        if (norm(r.gt.get(k)).equals(norm(r.pred.get(k)))) {
          correct++;
        }
      }
      Map<String, Double> values = new LinkedHashMap<>();
      values.put(TiifAggregator.CORRECT, (double) correct);
      values.put(TiifAggregator.TOTAL, (double) total);
      out.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey(prompts.benchmark(), p.id(), 0, Variant.IMPORTED,
          SCORER), values, null, null, null, 0)));
    }
    return out;
  }

  /** The prompts the results name (the official aggregation needs no prompt file). */
  @Override
  public Optional<PromptSet> promptsFromResults(Path dir, Map<String, String> options)
      throws DataException, IOException {
    Map<String, Prompt> byId = new java.util.TreeMap<>();
    for (Result r : results(dir)) {
      ObjectNode meta = mapper.createObjectNode();
      meta.put("type", r.type);
      meta.put("length", r.length);
      meta.put("line_idx", r.line);
      ObjectNode eval = meta.putObject("eval");
      eval.put("type", r.type);
      eval.set("yn_question_list", mapper.valueToTree(r.questions));
      eval.set("yn_answer_list", mapper.valueToTree(r.gt));
      String id = TiifPromptLoader.idOf(r.type, r.length, r.line);
      byId.put(id, new Prompt(id, 0, "", r.length + "/" + TiifGroups.groupOf(r.type).orElseThrow(), meta));
    }
    List<Prompt> ordered = new ArrayList<>();
    Map<String, Integer> categories = new LinkedHashMap<>();
    for (String length : TiifPromptLoader.LENGTHS) {
      TiifGroups.GROUPS.keySet().forEach(g -> categories.put(length + "/" + g, 0));
    }
    for (Prompt p : byId.values()) {
      ordered.add(new Prompt(p.id(), ordered.size(), p.text(), p.category(), p.metadata()));
      categories.merge(p.category(), 1, Integer::sum);
    }
    return Optional.of(new PromptSet(TiifBenchmark.ID, "from results (no prompt file)", ordered, List.of(),
        categories));
  }

  private List<Result> results(Path dir) throws DataException, IOException {
    if (!Files.isDirectory(dir)) {
      if (Files.isRegularFile(dir)) {
        return List.of(parse(dir));
      }
      throw new DataException(dir.toString(), 0, null, "no such folder (expected one model's"
          + " <type>/<short|long>/<line_idx>.json tree)", null);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 3)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new DataException(dir.toString(), 0, null, "no <type>/<short|long>/<line_idx>.json result files"
          + " (pass the folder of one model inside the official eval-results output)", null);
    }
    List<Result> out = new ArrayList<>();
    for (Path f : files) {
      out.add(parse(f));
    }
    return out;
  }

  private Result parse(Path f) throws DataException, IOException {
    String shown = f.toString();
    String text = org.irgeval.data.DataFiles.readString(f, shown);
    if (text.isBlank()) {
      throw new DataException(shown, 0, null, "empty file (a judge run that wrote nothing)", null);
    }
    JsonNode o;
    try {
      o = org.irgeval.util.Json.strict(mapper).readTree(text); // one value, nothing after it
    } catch (JsonProcessingException e) {
      throw new DataException(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "not valid JSON: " + e.getOriginalMessage(), null);
    }
    if (!o.isObject()) {
      throw new DataException(shown, 1, null, "expected one JSON object", null);
    }
    String type = string(o, "attribute", shown);
    if (TiifGroups.groupOf(type).isEmpty()) {
      throw new DataException(shown, 0, "attribute", "'" + type + "' is not one of the 39 TIIF types", null);
    }
    String desc = string(o, "desc", shown);
    if (!desc.equals("short_description") && !desc.equals("long_description")) {
      throw new DataException(shown, 0, "desc", "'" + desc + "' is not short_description or long_description", null);
    }
    JsonNode line = o.get("line_idx");
    if (line == null || !line.canConvertToInt() || !line.isIntegralNumber() || line.asInt() < 0) {
      throw new DataException(shown, 0, "line_idx", "expected a line number >= 0, found " + line, null);
    }
    List<String> q = list(o, "questions", shown);
    List<String> gt = list(o, "gt_answers", shown);
    List<String> pred = list(o, "model_pred", shown);
    // eval_with_vlm.py l.139: 'long' if desc.startswith('long') else 'short'
    return new Result(f, type, desc.startsWith("long") ? "long" : "short", line.asInt(), q, gt, pred);
  }

  private static String string(JsonNode o, String field, String file) throws DataException {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new DataException(file, 0, field, v == null ? "missing" : "expected a string", null);
    }
    return v.asText();
  }

  private static List<String> list(JsonNode o, String field, String file) throws DataException {
    JsonNode v = o.get(field);
    if (v == null || !v.isArray()) {
      throw new DataException(file, 0, field, v == null ? "missing" : "expected a list", null);
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < v.size(); k++) {
      if (!v.get(k).isTextual()) {
        throw new DataException(file, 0, field + "[" + k + "]", "expected a string", null);
      }
      out.add(v.get(k).asText());
    }
    return out;
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static String questionKey(String type, String length, List<String> questions) {
    return type + "\u0000" + length + "\u0000" + String.join("\u0000", questions);
  }

  /** summary_results.py l.91: {@code str.strip().lower()}. */
  private static String norm(String s) {
    return TiifReplyParser.pyStrip(s).toLowerCase(Locale.ROOT);
  }
}
