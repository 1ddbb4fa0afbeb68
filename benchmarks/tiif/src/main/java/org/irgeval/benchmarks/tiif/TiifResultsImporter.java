package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.data.DataFiles;
import org.irgeval.util.Json;

/**
 * Reads one model's tree of official judge outputs, {@code DIR/<type>/<short|long>/<line_idx>.json}, each the record
 * of A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py} l.198-209 (as the released {@code eval-results/}
 * folders hold them; docs/tiif.md section 2.5). Scored as {@code summary_results.py} reads them: type and length are
 * the names of the two folders above the file (l.62-80; the record's {@code attribute} and {@code desc} are not
 * read, and files elsewhere in the tree are not part of any score), and the answers are
 * {@code zip(gt_answers, model_pred)}, compared stripped and lower-cased (l.87-92).
 *
 * <p>With prompt files at hand each record is filed under its prompt by {@link TiifResultMatcher}: by line, by the
 * full set's line (the released testmini results number {@code style} and {@code real_world} so, docs/tiif.md
 * section 1.5), or by its questions.
 */
final class TiifResultsImporter implements OfficialResultsImporter {
  static final String SCORER = "tiif-official";
  private final ObjectMapper mapper = Json.mapper();

  /**
   * One parsed result file.
   *
   * @param type   the type folder's name
   * @param length the length folder's name, short or long
   * @param line   the record's {@code line_idx}
   */
  record Result(Path file, String type, String length, int line, List<String> questions, List<String> gt,
                List<String> pred) {}

  @Override
  public List<ScoredSample> read(Path dir, PromptSet prompts) throws DataException, IOException {
    List<Result> results = results(dir);
    List<Prompt> promptOf = new TiifResultMatcher(prompts).match(results);
    List<ScoredSample> out = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      Prompt p = promptOf.get(i);
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
    Map<String, Prompt> byId = new TreeMap<>();
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
      // summary_results.py l.63-83 reads <type>/<length>/*.json and nothing else in the model's folder
      files = s.filter(p -> dir.relativize(p).getNameCount() == 3 && p.getFileName().toString().endsWith(".json")
          && Files.isRegularFile(p)).sorted().toList();
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
    Path lengthDir = f.toAbsolutePath().getParent();
    Path typeDir = lengthDir == null ? null : lengthDir.getParent();
    String type = typeDir == null || typeDir.getFileName() == null ? "" : typeDir.getFileName().toString();
    String length = lengthDir == null || lengthDir.getFileName() == null ? "" : lengthDir.getFileName().toString();
    // summary_results.py l.62-80 takes type and length from these folders; summary_dimension_results.py l.30-67 then
    // reads only the 39 types and the lengths short and long, so a file under any other name would count nowhere.
    if (TiifGroups.groupOf(type).isEmpty()) {
      throw new DataException(shown, 0, null, "the folder '" + type + "' is not one of the 39 TIIF types (the"
          + " official summary takes the type from the folder: <type>/<short|long>/<line_idx>.json)", null);
    }
    if (!TiifPromptLoader.LENGTHS.contains(length)) {
      throw new DataException(shown, 0, null, "the folder '" + length + "' is not short or long (the official"
          + " summary takes the length from the folder: <type>/<short|long>/<line_idx>.json)", null);
    }
    String text = DataFiles.readString(f, shown);
    if (text.isBlank()) {
      throw new DataException(shown, 0, null, "empty file (a judge run that wrote nothing)", null);
    }
    JsonNode o;
    try {
      o = Json.strict(mapper).readTree(text); // one value, nothing after it
    } catch (JsonProcessingException e) {
      throw new DataException(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "not valid JSON: " + e.getOriginalMessage(), null);
    }
    if (!o.isObject()) {
      throw new DataException(shown, 1, null, "expected one JSON object", null);
    }
    JsonNode line = o.get("line_idx");
    if (line == null || !line.canConvertToInt() || !line.isIntegralNumber() || line.asInt() < 0) {
      throw new DataException(shown, 0, "line_idx", "expected a line number >= 0, found " + line, null);
    }
    List<String> q = list(o, "questions", shown);
    List<String> gt = list(o, "gt_answers", shown);
    List<String> pred = list(o, "model_pred", shown);
    return new Result(f, type, length, line.asInt(), q, gt, pred);
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

  /** summary_results.py l.91: {@code str.strip().lower()}. */
  private static String norm(String s) {
    return TiifReplyParser.pyStrip(s).toLowerCase(Locale.ROOT);
  }
}
