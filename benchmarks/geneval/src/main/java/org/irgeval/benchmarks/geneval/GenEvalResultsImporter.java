package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.data.JsonLines;
import org.irgeval.util.Json;

/**
 * Reads the official evaluator's {@code results.jsonl} (evaluate_images.py l.247-258, schema in
 * docs/geneval.md, "results.jsonl format") into scored samples of variant {@code imported}.
 *
 * <p>A line is matched to its prompt by its {@code metadata} (the evaluator took it from the folder's
 * metadata.jsonl, not from the folder number), and the sample index comes from the image's file name. A line
 * whose metadata equals a loaded prompt except for the "prompt" text was made with the other prompt file
 * (original vs rewritten) and is refused, so the two are never mixed.
 */
public final class GenEvalResultsImporter implements OfficialResultsImporter {
  /** Scorer name of imported scores. */
  public static final String SCORER = "geneval-official";
  /** {@code <imagedir>/<digits>/samples/<digits>.png}; pandas writes "/" as "\/", which JSON reads back as "/". */
  private static final Pattern FILE = Pattern.compile("(?:^|.*[/\\\\])(\\d+)[/\\\\]samples[/\\\\](\\d+)\\.png[^/\\\\]*$");

  private final ObjectMapper mapper = Json.mapper();

  @Override
  public List<ScoredSample> read(Path officialResults, PromptSet prompts) throws DataException, IOException {
    String name = officialResults.toString();
    Map<JsonNode, Prompt> byMetadata = new HashMap<>();
    for (Prompt p : prompts.prompts()) {
      byMetadata.put(p.metadata(), p);
    }
    List<ScoredSample> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonLines.Line line : JsonLines.read(officialResults, name, null)) {
      long ln = line.number();
      JsonNode row = line.row();
      String filename = text(row, "filename", name, ln);
      String tag = text(row, "tag", name, ln);
      JsonNode correct = row.get("correct");
      if (correct == null || !correct.isBoolean()) {
        throw new DataException(name, ln, "correct", "expected true or false, found " + correct, null);
      }
      JsonNode metadata;
      try {
        metadata = mapper.readTree(text(row, "metadata", name, ln));
      } catch (JsonProcessingException e) {
        throw new DataException(name, ln, "metadata", "not a JSON string: " + e.getOriginalMessage(), null);
      }
      Prompt prompt = byMetadata.get(metadata);
      if (prompt == null) {
        throw new DataException(name, ln, "metadata", mismatch(metadata, prompts), null);
      }
      if (!tag.equals(prompt.category())) {
        throw new DataException(name, ln, "tag", "'" + tag + "' but the metadata says '" + prompt.category() + "'",
            null);
      }
      Matcher m = FILE.matcher(filename);
      if (!m.matches()) {
        throw new DataException(name, ln, "filename", "expected <dir>/<digits>/samples/<digits>.png, found '"
            + filename + "'", null);
      }
      int sample;
      try {
        sample = Integer.parseInt(m.group(2).replaceFirst("^0+(?=.)", ""));
      } catch (NumberFormatException e) {
        throw new DataException(name, ln, "filename", "sample number out of range in '" + filename + "'", null);
      }
      if (!seen.add(prompt.id() + "/" + sample)) {
        throw new DataException(name, ln, "filename", "a second result for prompt " + prompt.id() + " sample "
            + sample, null);
      }
      ScoreKey key = new ScoreKey(GenEvalBenchmark.ID, prompt.id(), sample, Variant.IMPORTED, SCORER);
      ScoreRecord rec = new ScoreRecord(key, Map.of(GenEvalAggregator.CORRECT, correct.booleanValue() ? 1.0 : 0.0), row,
          null, null, 0);
      out.add(new ScoredSample(prompt, sample, rec));
    }
    if (out.isEmpty()) {
      throw new DataException(name, 0, null, "no results", null);
    }
    return out;
  }

  /**
   * Prompts named by a results file: one per distinct metadata, id and index from its folder number (the
   * official layout's {@code <index:05>} folder), category from its tag. summary_scores.py needs no more.
   */
  @Override
  public Optional<PromptSet> promptsFromResults(Path officialResults, Map<String, String> options)
      throws DataException, IOException {
    String name = officialResults.toString();
    Map<JsonNode, Prompt> byMetadata = new LinkedHashMap<>();
    for (JsonLines.Line line : JsonLines.read(officialResults, name, null)) {
      JsonNode metadata;
      try {
        metadata = mapper.readTree(text(line.row(), "metadata", name, line.number()));
      } catch (JsonProcessingException e) {
        throw new DataException(name, line.number(), "metadata", "not a JSON string: " + e.getOriginalMessage(), null);
      }
      String filename = text(line.row(), "filename", name, line.number());
      Matcher m = FILE.matcher(filename);
      if (!m.matches() || !(metadata instanceof ObjectNode meta)) {
        throw new DataException(name, line.number(), "filename", "expected <dir>/<digits>/samples/<digits>.png with"
            + " an object as metadata, found '" + filename + "'", null);
      }
      int index;
      try {
        index = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        throw new DataException(name, line.number(), "filename", "prompt folder number out of range in '" + filename
            + "'", null);
      }
      String tag = text(line.row(), "tag", name, line.number());
      byMetadata.computeIfAbsent(metadata, k -> new Prompt(String.format("%05d", index), index,
          meta.path("prompt").asText(""), tag, meta));
    }
    Map<String, Integer> categories = new LinkedHashMap<>();
    SpecParser.TAGS.forEach(t -> categories.put(t, 0));
    List<Prompt> prompts = byMetadata.values().stream().sorted(java.util.Comparator.comparingInt(Prompt::index)).toList();
    prompts.forEach(p -> categories.merge(p.category(), 1, Integer::sum));
    return Optional.of(new PromptSet(GenEvalBenchmark.ID, "from-results (no prompt file)", prompts, List.of(), categories));
  }

  private static String mismatch(JsonNode metadata, PromptSet prompts) {
    for (Prompt p : prompts.prompts()) {
      if (GenEvalImageLayout.sameExceptPrompt(p.metadata(), metadata)) {
        return "matches prompt " + p.id() + " except for its \"prompt\" text: these results were made with another "
            + "prompt file than the loaded '" + prompts.version() + "' one (set --bench-opt geneval.prompts="
            + (PromptFile.ORIGINAL.version().equals(prompts.version()) ? PromptFile.REWRITTEN.version()
                : PromptFile.ORIGINAL.version()) + ")";
      }
    }
    return "matches no prompt of the loaded '" + prompts.version() + "' prompt file";
  }

  private static String text(JsonNode row, String field, String name, long ln) throws DataException {
    JsonNode n = row.get(field);
    if (n == null || !n.isTextual()) {
      throw new DataException(name, ln, field, "expected a string, found " + n, null);
    }
    return n.textValue();
  }
}
