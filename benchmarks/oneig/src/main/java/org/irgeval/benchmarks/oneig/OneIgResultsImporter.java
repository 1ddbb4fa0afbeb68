package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code irg-eval import --benchmark oneig}: reads either
 * <ul>
 *   <li>recorded outputs ({@link OneIgRecorded}: a folder of the five JSON-lines files, or one of them): every tile
 *       re-scored by the official per-tile rules, so the aggregation is exactly the official one; or</li>
 *   <li>the official per-prompt CSVs {@code results/<dim>_prompt_score_EN_<timestamp>.csv} (alignment_score.py
 *       l.112-113, text_score.py l.106, reasoning_score.py l.69-70, style_score.py l.102-103, diversity_score.py
 *       l.92-93): rows are prompts ({@code <category>_<id>} for alignment and diversity, {@code <id>} otherwise),
 *       one column per model ({@code --bench-opt oneig.model=NAME} picks one when there are several), empty = None.
 *       Each prompt becomes one pseudo-tile holding its prompt score (two for diversity), so alignment, reasoning,
 *       style and diversity aggregate to the official numbers. Text cells hold {@code [ED, CR, WAC]} per-prompt means
 *       over the prompt's tiles; the official text score micro-averages over tiles (text_score.py l.95-97: ED, CR tile
 *       means, WAC = sum matched / sum GT words). The pseudo-tile weighs WAC by the prompt's GT word count (the same for
 *       every tile of a prompt), which gives the official ED, CR and WAC exactly when every prompt has the same number
 *       of non-black tiles (four, normally); with all-black tiles in some grids it is an approximation
 *       (docs/oneig.md section 4).</li>
 * </ul>
 * The prompts (questions, styles) come from {@code --data}.
 */
final class OneIgResultsImporter implements OfficialResultsImporter {
  static final String SCORER = "oneig-official";
  private static final Pattern CSV = Pattern.compile("(alignment|text|reasoning|style|diversity)_prompt_score_EN.*\\.csv");

  @Override
  public List<ScoredSample> read(Path path, PromptSet prompts) throws DataException, IOException {
    if (OneIgRecorded.isRecorded(path)) {
      List<ScoredSample> out = new ArrayList<>();
      for (OneIgRecorded.Entry e : OneIgRecorded.read(path, prompts).values()) {
        for (int k = 0; k < e.tiles().length; k++) {
          OneIgTile t = e.tiles()[k];
          var detail = Json.mapper().createObjectNode();
          detail.set("tile", t.toJson());
          out.add(sample(e.prompt(), k, t.values(e.prompt()), detail));
        }
      }
      return out;
    }
    List<Path> csvs = new ArrayList<>();
    if (Files.isRegularFile(path)) {
      if (!CSV.matcher(path.getFileName().toString()).matches()) {
        throw new DataException(path.getFileName().toString(), 0, null, "neither a recorded file ("
            + OneIgRecorded.FILES + ") nor an official <dim>_prompt_score_EN_<time>.csv", OneIgRecorded.FORMAT);
      }
      csvs.add(path);
    } else if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> CSV.matcher(p.getFileName().toString()).matches()).sorted().forEach(csvs::add);
      }
    }
    if (csvs.isEmpty()) {
      throw new DataException(path.toString(), 0, null, "no recorded outputs and no official"
          + " <dim>_prompt_score_EN_<time>.csv", OneIgRecorded.FORMAT);
    }
    return fromCsvs(csvs, prompts);
  }

  private List<ScoredSample> fromCsvs(List<Path> csvs, PromptSet prompts) throws DataException, IOException {
    Map<String, Prompt> byId = new HashMap<>();
    prompts.prompts().forEach(p -> byId.put(p.id(), p));
    String model = prompts.prompts().isEmpty() ? null
        : prompts.prompts().get(0).metadata().path(OneIgImageLayout.MODEL_KEY).asText(null);
    Map<String, Map<String, Double>> tile0 = new LinkedHashMap<>();
    Map<String, Double> div = new LinkedHashMap<>();
    Map<String, String> seenDim = new HashMap<>();
    for (Path f : csvs) {
      String name = f.getFileName().toString();
      Matcher m = CSV.matcher(name);
      m.matches();
      String dim = m.group(1);
      if (seenDim.put(dim, name) != null) {
        throw new DataException(name, 0, null, "a second " + dim + " file beside " + seenDim.get(dim)
            + ": import one run at a time", OneIgRecorded.FORMAT);
      }
      OneIgCsv csv = OneIgCsv.read(f, name, OneIgRecorded.FORMAT);
      List<String> models = csv.header().subList(1, csv.header().size());
      String col;
      if (model != null) {
        if (!models.contains(model)) {
          throw new DataException(name, 1, model, "no column for model " + model + " (columns: " + models + ")",
              OneIgRecorded.FORMAT);
        }
        col = model;
      } else if (models.size() == 1) {
        col = models.get(0);
      } else {
        throw new DataException(name, 1, null, "several models " + models + ": pick one with --bench-opt"
            + " oneig.model=NAME", OneIgRecorded.FORMAT);
      }
      String index = csv.header().get(0);
      for (OneIgCsv.Row r : csv.rows()) {
        String key = r.get(index);
        String pid = dim.equals("alignment") || dim.equals("diversity") ? key : folderOf(dim) + "_" + key;
        Prompt p = byId.get(pid);
        if (p == null || !OneIgAggregator.dimensionsOf(p).contains(dim)) {
          throw new DataException(name, r.line(), index.isEmpty() ? "Unnamed: 0" : index, "'" + key
              + "' is no " + dim + " prompt", OneIgRecorded.FORMAT);
        }
        String cell = r.get(col).strip();
        if (cell.isEmpty()) {
          continue;
        }
        Map<String, Double> v = tile0.computeIfAbsent(pid, k -> new LinkedHashMap<>(Map.of(OneIgAggregator.BLACK,
            0.0)));
        try {
          switch (dim) {
            case "text" -> {
              String in = cell.replaceAll("^\\[|\\]$", "");
              String[] parts = in.split(",");
              if (!cell.startsWith("[") || parts.length != 3) {
                throw new NumberFormatException("expected [ED, CR, WAC]");
              }
              v.put(OneIgAggregator.TEXT_ED, Double.parseDouble(parts[0].strip()));
              v.put(OneIgAggregator.TEXT_CR, Double.parseDouble(parts[1].strip()));
              double wac = Double.parseDouble(parts[2].strip());
              // every tile of a prompt has the same GT word count (text_utils.py l.50-64 counts the GT only), so
              // the prompt's matched words are WAC_p * gtw_p per tile: WAC = sum matched / sum GT words as
              // text_score.py l.97 computes it, when the prompts have equally many non-black tiles
              double gtw = OneIgRules.textTile(p.metadata().path("text_content").asText(), "").gtWords();
              v.put(OneIgAggregator.TEXT_MATCHED, wac * gtw);
              v.put(OneIgAggregator.TEXT_GT_WORDS, gtw);
              v.put(OneIgAggregator.TEXT_WAC, wac);
            }
            case "diversity" -> div.put(pid, Double.parseDouble(cell));
            default -> v.put(dim, Double.parseDouble(cell));
          }
        } catch (NumberFormatException e) {
          throw new DataException(name, r.line(), col, "'" + cell + "' is not a score: " + e.getMessage(),
              OneIgRecorded.FORMAT);
        }
      }
    }
    List<ScoredSample> out = new ArrayList<>();
    var note = Json.mapper().createObjectNode().put(OneIgAggregator.PSEUDO_TILE,
        "one tile standing for the prompt's official per-prompt score (text: WAC weighted by the GT word count;"
            + " micro-averages exactly when all prompts have equally many non-black tiles)");
    for (Prompt p : prompts.prompts()) {
      Map<String, Double> v = tile0.get(p.id());
      Double d = div.get(p.id());
      if (v == null && d == null) {
        continue;
      }
      if (v == null) {
        v = new LinkedHashMap<>(Map.of(OneIgAggregator.BLACK, 0.0));
      }
      if (d != null) {
        v.put(OneIgAggregator.DIV_DISTANCE + "1", d);
        out.add(sample(p, 1, Map.of(OneIgAggregator.BLACK, 0.0, OneIgAggregator.DIV_DISTANCE + "0", d), note));
      }
      out.add(sample(p, 0, v, note));
    }
    return out;
  }

  private static String folderOf(String dim) {
    return switch (dim) {
      case "text" -> "text";
      case "reasoning" -> "reasoning";
      default -> "anime";
    };
  }

  private static ScoredSample sample(Prompt p, int k, Map<String, Double> values,
                                     JsonNode detail) {
    return new ScoredSample(p, k, new ScoreRecord(new ScoreKey(OneIgBenchmark.ID, p.id(), k, Variant.IMPORTED,
        SCORER), values, detail, null, null, 0));
  }
}
