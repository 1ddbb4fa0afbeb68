package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.data.DataFiles;
import org.irgeval.data.JsonLines;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Reads {@code <data>/tiif/<set>_prompts/<type>_prompts.jsonl} with the matching
 * {@code <set>_eval_prompts/<type>_eval_prompts.jsonl} (A113N-W3I/TIIF-Bench@3aae750 {@code data/}; docs/tiif.md
 * section 1). Line i of a prompt file goes with line i of its questions file, as the official generator names the
 * image after the prompt line ({@code inference_t2i_models.py} l.208-224) and the evaluator looks it up by the
 * question line ({@code eval_with_vlm.py} l.136-143).
 *
 * <p>Every line gives two prompts, the short and the long description ({@code inference_t2i_models.py} l.211-235),
 * each generated with its own seed: id {@code <type>/<short|long>/<line>}, category {@code <length>/<group>}.
 * The metadata holds both official records verbatim ({@code prompt}, {@code eval}) with {@code type},
 * {@code length} and {@code line_idx}.
 *
 * <p>A testmini prompt also gets {@code full_line_idx}, its line in the full set, where that is known: from the
 * questions record's {@code corrspond_idx} (testmini {@code real_world}), else from the full set's prompt file beside
 * it (the line with the same short and long description). The official testmini results are numbered by full-set line
 * ({@code --sample_idx_file}, docs/tiif.md section 1.6), and testmini {@code style} is a reordered subset whose lines
 * share questions ("Is the image in Disney style?"), so only this finds the prompt a released {@code style} record
 * belongs to ({@link TiifResultMatcher}). The full-set prompt files read for this are not listed in the prompt set's
 * files: they change no score (only which prompt an imported record is filed under), and listing them would change the
 * configuration fingerprint of every testmini run made beside a full set, so such a run could no longer resume.
 */
public final class TiifPromptLoader {
  /** Folder of the benchmark under the data root. */
  public static final String DIR = "tiif";
  static final String SOURCE = "https://github.com/A113N-W3I/TIIF-Bench (data/)";
  /** The two descriptions of a prompt line, in the order the official generator writes them. */
  public static final List<String> LENGTHS = List.of("short", "long");
  /** The derived re-alignment of full-set question files ({@code tiif.eval_fix=derived}). */
  public static final String DERIVED_FIX_DIR = "derived_fixed_test_eval_prompts";

  private final ObjectMapper mapper = Json.mapper();

  /**
   * @param evalFix true to read a full-set question file from {@link #DERIVED_FIX_DIR} where one exists
   */
  public PromptSet load(Path dataDir, TiifSet set, boolean evalFix) throws DataException {
    Path root = dataDir.resolve(DIR);
    Path promptDir = root.resolve(set.promptDir());
    if (!Files.isDirectory(promptDir)) {
      throw new DataException(DIR + "/" + set.promptDir(), 0, null, "folder not found", SOURCE);
    }
    List<Path> promptFiles;
    try (Stream<Path> s = Files.list(promptDir)) {
      // Only *.jsonl, as the official code globs (eval_with_vlm.py l.124): the official folder holds a .DS_Store.
      promptFiles = s.filter(p -> p.getFileName().toString().endsWith("_prompts.jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(DIR + "/" + set.promptDir(), 0, null, "cannot list: " + e.getMessage(), SOURCE);
    }
    if (promptFiles.isEmpty()) {
      throw new DataException(DIR + "/" + set.promptDir(), 0, null, "no <type>_prompts.jsonl files", SOURCE);
    }
    Map<String, List<Prompt>> byType = new LinkedHashMap<>();
    List<DataFile> files = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (Path pf : promptFiles) {
      String type = pf.getFileName().toString().replaceFirst("_prompts\\.jsonl$", "");
      String pName = DIR + "/" + set.promptDir() + "/" + pf.getFileName();
      if (TiifGroups.groupOf(type).isEmpty()) {
        throw new DataException(pName, 0, null, "'" + type + "' is not one of the 39 TIIF types", SOURCE);
      }
      String evalFile = type + "_eval_prompts.jsonl";
      Path ef = root.resolve(set.evalDir()).resolve(evalFile);
      String eName = DIR + "/" + set.evalDir() + "/" + evalFile;
      Path derived = root.resolve(DERIVED_FIX_DIR).resolve(evalFile);
      if (evalFix && set == TiifSet.FULL && Files.isRegularFile(derived)) {
        ef = derived;
        eName = DIR + "/" + DERIVED_FIX_DIR + "/" + evalFile;
        fixed.add(type);
      }
      List<JsonLines.Line> pl = lines(pf, pName);
      List<JsonLines.Line> el = lines(ef, eName);
      if (pl.size() != el.size()) {
        throw new DataException(eName, 0, null, el.size() + " question lines for the " + pl.size() + " prompts of "
            + pName + " (they are matched line by line)", SOURCE);
      }
      Integer[] fullLine = set == TiifSet.TESTMINI ? fullLines(root, type, pl, el) : new Integer[pl.size()];
      List<String> texts = new ArrayList<>();
      List<String> questions = new ArrayList<>();
      List<Prompt> prompts = new ArrayList<>();
      for (int i = 0; i < pl.size(); i++) {
        ObjectNode p = (ObjectNode) pl.get(i).row();
        ObjectNode e = (ObjectNode) el.get(i).row();
        long pn = pl.get(i).number();
        long en = el.get(i).number();
        checkType(p, type, pName, pn);
        checkType(e, type, eName, en);
        String shortText = text(p, "short_description", pName, pn);
        String longText = text(p, "long_description", pName, pn);
        List<String> qs = strings(e, "yn_question_list", eName, en);
        List<String> as = strings(e, "yn_answer_list", eName, en);
        if (qs.size() != as.size()) {
          throw new DataException(eName, en, "yn_answer_list", as.size() + " answers for " + qs.size() + " questions",
              SOURCE);
        }
        for (int k = 0; k < as.size(); k++) {
          String a = as.get(k).strip().toLowerCase(Locale.ROOT);
          if (!a.equals("yes") && !a.equals("no")) {
            throw new DataException(eName, en, "yn_answer_list[" + k + "]", "'" + as.get(k) + "' is not yes or no",
                SOURCE);
          }
        }
        texts.add(shortText + "\n" + longText);
        questions.add(String.join("\n", qs));
        for (String length : LENGTHS) {
          ObjectNode meta = mapper.createObjectNode();
          meta.put("type", type);
          meta.put("length", length);
          meta.put("line_idx", i);
          if (fullLine[i] != null) {
            meta.put("full_line_idx", fullLine[i]);
          }
          meta.set("prompt", p);
          meta.set("eval", e);
          prompts.add(new Prompt(idOf(type, length, i), 0, length.equals("short") ? shortText : longText,
              length + "/" + TiifGroups.groupOf(type).orElseThrow(), meta));
        }
      }
      List<Integer> shifted = TiifAlignmentCheck.shiftedLines(texts, questions);
      if (shifted.size() >= TiifAlignmentCheck.MIN_SHIFTED) {
        throw new DataException(eName, shifted.get(0) + 1, "yn_question_list", shifted.size() + " question lines ask"
            + " about another prompt than the line of " + pName + " they are matched with (first at line "
            + (shifted.get(0) + 1) + "; the known case is TIIF issue #10, fixed upstream in d875cd8): use the fixed"
            + " file, or --bench-opt tiif.eval_fix=derived to read " + DIR + "/" + DERIVED_FIX_DIR + "/" + evalFile,
            SOURCE);
      }
      byType.put(type, prompts);
      files.add(dataFile(pf, pName));
      files.add(dataFile(ef, eName));
    }
    // Official order: group order, then type order inside the group (summary_dimension_results.py l.30-46).
    List<Prompt> ordered = new ArrayList<>();
    for (String type : TiifGroups.types()) {
      for (Prompt p : byType.getOrDefault(type, List.of())) {
        ordered.add(new Prompt(p.id(), ordered.size(), p.text(), p.category(), p.metadata()));
      }
    }
    Map<String, Integer> categories = new LinkedHashMap<>();
    for (String length : LENGTHS) {
      TiifGroups.GROUPS.keySet().forEach(g -> categories.put(length + "/" + g, 0));
    }
    ordered.forEach(p -> categories.merge(p.category(), 1, Integer::sum));
    String version = set.id() + (fixed.isEmpty() ? "" : "+derived-fix(" + String.join(",", fixed) + ")");
    return new PromptSet(TiifBenchmark.ID, version, ordered, files, categories);
  }

  /**
   * The full-set line of each testmini line of one type, or null where unknown (see the class comment):
   * {@code corrspond_idx} where the questions record gives it (official), else the full set's line with the same two
   * descriptions.
   */
  private static Integer[] fullLines(Path root, String type, List<JsonLines.Line> pl, List<JsonLines.Line> el)
      throws DataException {
    Integer[] out = new Integer[pl.size()];
    Map<String, Integer> fullLineOf = null;
    String name = DIR + "/" + TiifSet.FULL.promptDir() + "/" + type + "_prompts.jsonl";
    Path file = root.resolve(TiifSet.FULL.promptDir()).resolve(type + "_prompts.jsonl");
    for (int i = 0; i < pl.size(); i++) {
      JsonNode said = el.get(i).row().get("corrspond_idx");
      if (said != null && said.isIntegralNumber() && said.canConvertToInt() && said.asInt() >= 0) {
        out[i] = said.asInt();
      } else if (Files.isRegularFile(file)) {
        if (fullLineOf == null) {
          fullLineOf = new HashMap<>();
          for (JsonLines.Line l : lines(file, name)) {
            fullLineOf.putIfAbsent(descriptions(l.row()), (int) l.number() - 1);
          }
        }
        out[i] = fullLineOf.get(descriptions(pl.get(i).row()));
      }
    }
    return out;
  }

  private static String descriptions(JsonNode row) {
    return row.path("short_description").asText() + "\u0000" + row.path("long_description").asText();
  }

  /** {@code <type>/<short|long>/<line>}: the official results' path {@code <type>/<length>/<idx>.json}. */
  public static String idOf(String type, String length, int line) {
    return type + "/" + length + "/" + line;
  }

  /** Lines of a JSONL file, refusing blank lines inside (the generator counts them, the evaluator skips them). */
  private static List<JsonLines.Line> lines(Path file, String shown) throws DataException {
    try {
      List<String> raw = DataFiles.readAllLines(file, shown);
      for (int i = 0; i < raw.size() - 1; i++) {
        if (raw.get(i).isBlank()) {
          throw new DataException(shown, i + 1, null, "blank line inside the file (the official generator counts it,"
              + " the evaluator skips it, so images and questions would disagree)", SOURCE);
        }
      }
      return JsonLines.read(file, shown, SOURCE);
    } catch (NoSuchFileException e) {
      throw new DataException(shown, 0, null, "file not found", SOURCE);
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot read: " + e.getMessage(), SOURCE);
    }
  }

  private static void checkType(JsonNode row, String type, String file, long line) throws DataException {
    JsonNode t = row.get("type");
    // The official code takes the type of the whole file from its first line (eval_with_vlm.py l.131): every line
    // must agree with the file name, or images would be looked up in the wrong folder.
    if (t == null || !t.isTextual() || !t.asText().equals(type)) {
      throw new DataException(file, line, "type", "expected '" + type + "' (the file's name), found " + t, SOURCE);
    }
  }

  private static String text(JsonNode row, String field, String file, long line) throws DataException {
    JsonNode v = row.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new DataException(file, line, field, v == null ? "missing" : "expected a non-empty string", SOURCE);
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode row, String field, String file, long line) throws DataException {
    JsonNode v = row.get(field);
    if (v == null || !v.isArray() || v.isEmpty()) {
      throw new DataException(file, line, field, v == null ? "missing" : "expected a non-empty list", SOURCE);
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < v.size(); k++) {
      if (!v.get(k).isTextual()) {
        throw new DataException(file, line, field + "[" + k + "]", "expected a string", SOURCE);
      }
      out.add(v.get(k).asText());
    }
    return out;
  }

  private static DataFile dataFile(Path file, String name) throws DataException {
    try {
      return new DataFile(name, Hashing.sha256(file), Files.size(file));
    } catch (IOException e) {
      throw new DataException(name, 0, null, "cannot hash: " + e.getMessage(), null);
    }
  }
}
