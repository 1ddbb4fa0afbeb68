package org.irgeval.benchmarks.wise;

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
import org.irgeval.data.DataFiles;
import org.irgeval.util.Json;

/**
 * Reads the official per-category score files ({@code --result_scores}, JSONL sorted by prompt_id): legacy
 * lines {@code {prompt_id, Subcategory, consistency, realism, aesthetic_quality}} (gpt_eval.py l.198-204),
 * Verified lines {@code {prompt_id, Subcategory, score}} (vllm_eval.py l.225-229). A directory is searched
 * (not recursively) for {@code *scores*.jsonl}: BAGEL writes {@code <category>_scores.jsonl}, eval_qwen.sh
 * {@code <category>_scores_results.jsonl}.
 *
 * <p>Structural problems (bad JSON, missing or non-integer prompt_id, unknown or duplicate id, missing or
 * non-numeric scores) are errors naming file, line and field. Values the official calculators would skip or
 * that mark a failed judgement (the 9.9 sentinel of the first release and of BAGEL's gpt_eval_mp.py, a
 * Verified score outside {0,1}, calculate_verified.py l.58-60) become counted failures, never folded in.
 */
final class WiseResultsImporter implements OfficialResultsImporter {
  static final String SCORER = "wise-official";
  private final ObjectMapper mapper = Json.mapper();

  /**
   * The 1000 prompt ids of the version named by {@code --bench-opt wise.version} (default legacy), categories by
   * the official id ranges: all the official calculators use (Calculate.py l.56-73, calculate_verified.py
   * l.65-76). Prompt and explanation texts are not in the score files and stay empty.
   */
  @Override
  public Optional<PromptSet> promptsFromResults(Path officialResults, Map<String, String> options) {
    WiseVersion version = WiseVersion.byId(WiseBenchmark.VERSION.text(options))
        .orElseThrow(() -> new IllegalArgumentException("--bench-opt wise.version must be legacy or verified"));
    List<Prompt> prompts = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    version.categories().forEach(c -> counts.put(c.key(), c.lastId() - c.firstId() + 1));
    for (int id = WiseVersion.FIRST_ID; id <= WiseVersion.LAST_ID; id++) {
      String cat = version.categoryOf(id).orElseThrow().key();
      prompts.add(new Prompt(Integer.toString(id), id - 1, "", cat, null));
    }
    return Optional.of(new PromptSet(WiseBenchmark.ID, version.id() + " (from results, no prompt file)",
        prompts, List.of(), counts));
  }

  @Override
  public List<ScoredSample> read(Path officialResults, PromptSet prompts) throws DataException, IOException {
    WiseVersion version = WiseVersion.ofPromptSet(prompts.version());
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(officialResults)) {
      try (Stream<Path> s = Files.list(officialResults)) {
        s.filter(p -> {
          String n = p.getFileName().toString();
          return Files.isRegularFile(p) && n.endsWith(".jsonl") && n.contains("scores");
        }).sorted().forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new DataException(officialResults.toString(), 0, null, "no *scores*.jsonl files (the official"
            + " --result_scores outputs) in this directory", WisePromptLoader.SOURCE);
      }
    } else if (Files.isRegularFile(officialResults)) {
      files.add(officialResults);
    } else {
      throw new DataException(officialResults.toString(), 0, null, "no such file or directory", null);
    }
    Map<String, Prompt> byId = new HashMap<>();
    prompts.prompts().forEach(p -> byId.put(p.id(), p));
    Map<Integer, String> seen = new HashMap<>();
    List<ScoredSample> out = new ArrayList<>();
    for (Path f : files) {
      String shown = f.toString();
      List<String> lines;
      try {
        lines = DataFiles.readAllLines(f, shown);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new DataException(shown, 0, null, "not UTF-8 text (" + e + ")", null);
      }
      for (int i = 0; i < lines.size(); i++) {
        long ln = i + 1;
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.strict(mapper).readTree(line); // one value per line
        } catch (IOException e) {
          throw new DataException(shown, ln, null, "not a JSON line", WisePromptLoader.SOURCE);
        }
        if (!(node instanceof ObjectNode o)) {
          throw new DataException(shown, ln, null, "not a JSON object", WisePromptLoader.SOURCE);
        }
        JsonNode pid = o.get("prompt_id");
        if (pid == null || !pid.isIntegralNumber() || !pid.canConvertToInt()) {
          throw new DataException(shown, ln, "prompt_id", pid == null ? "missing" : "must be an integer", null);
        }
        int id = pid.asInt();
        Prompt prompt = byId.get(Integer.toString(id));
        if (prompt == null) {
          throw new DataException(shown, ln, "prompt_id", "prompt_id " + id + " is not in the loaded WISE "
              + prompts.version() + " prompt set", null);
        }
        String before = seen.putIfAbsent(id, shown + ":" + ln);
        if (before != null) {
          throw new DataException(shown, ln, "prompt_id", "duplicate prompt_id " + id + " (first at " + before
              + "); the official calculator would count it twice", null);
        }
        out.add(new ScoredSample(prompt, 0, record(version, o, id, shown, ln, line)));
      }
    }
    if (out.isEmpty()) {
      // Nothing to import is a judge run that wrote nothing, not a result (a folder may hold the empty file of a
      // category that was not run, as our exports of a --limit run do).
      throw new DataException(officialResults.toString(), 0, null, "no score records (empty file"
          + (files.size() > 1 ? "s" : "") + ")", null);
    }
    return out;
  }

  private ScoreRecord record(WiseVersion version, ObjectNode o, int id, String file, long ln, String raw)
      throws DataException {
    ObjectNode detail = mapper.createObjectNode();
    detail.put("file", file);
    detail.put("line", ln);
    if (o.hasNonNull("Subcategory")) {
      detail.set("subcategory", o.get("Subcategory"));
    }
    ScoreKey key = new ScoreKey(WiseBenchmark.ID, Integer.toString(id), 0, Variant.IMPORTED, SCORER);
    Map<String, Double> values = new LinkedHashMap<>();
    String error = null;
    List<String> fields = version == WiseVersion.LEGACY ? WiseReplyParser.LEGACY_ORDER : List.of("score");
    for (String k : fields) {
      JsonNode v = o.get(k);
      if (v == null || !v.isNumber()) {
        throw new DataException(file, ln, k, v == null ? "missing" : "must be a number", null);
      }
      double d = v.asDouble();
      boolean ok = version == WiseVersion.LEGACY ? d >= 0 && d <= 2 : d == 0 || d == 1;
      if (!ok && error == null) {
        error = k + "=" + v.asText() + (d == 9.9 ? " is the 9.9 parse-failure sentinel" : " is outside "
            + (version == WiseVersion.LEGACY ? "0..2" : "{0,1} (calculate_verified.py l.58-60 skips it)"))
            + "; counted as a failure";
      }
      values.put(k, d);
    }
    if (error != null) {
      return new ScoreRecord(key, Map.of(), detail, raw, error, 0);
    }
    values.put("wiscore", version == WiseVersion.LEGACY
        ? WiScore.legacy(values.get("consistency"), values.get("realism"), values.get("aesthetic_quality"))
        : WiScore.verified(values.get("score")));
    return new ScoreRecord(key, values, detail, raw, null, 0);
  }
}
