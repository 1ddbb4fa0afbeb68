package org.irgeval.benchmarks.wise;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.data.DataFiles;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Reads the official WISE prompt files: JSON arrays of {@code {Prompt, Explanation, Category, Subcategory,
 * prompt_id}} (docs/wise.md, "Prompt file format"), parsed by field name (key order varies), read as UTF-8 (23 legacy
 * prompts are non-ASCII). Every problem is a {@link DataException} naming the file, the line and the field.
 * Categories come from the prompt_id ranges; the "Category" field must agree with them.
 */
final class WisePromptLoader {
  static final String SOURCE = "https://github.com/PKU-YuanGroup/WISE";

  /** One element of an official array, with the line it starts on. */
  private record Entry(ObjectNode node, long line) {}

  private final ObjectMapper mapper = Json.mapper();

  /**
   * @param rewrite legacy only: generate from {@code *_rewrite.json}'s "Prompt" while metadata (what the judge
   *                reads) stays the original record (deleted eval.sh of commit 7d6f546; docs/wise.md, "Rewritten prompts")
   */
  PromptSet load(Path dataDir, WiseVersion version, boolean rewrite) throws DataException {
    Path root = dataDir.resolve("wise");
    List<DataFile> files = new ArrayList<>();
    List<Prompt> prompts = new ArrayList<>();
    Map<Integer, String> seenIn = new HashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    version.categories().forEach(c -> counts.put(c.key(), 0));
    for (String rel : version.dataFiles()) {
      String shown = "wise/" + rel;
      List<Entry> entries = readArray(root.resolve(rel), shown, files);
      Map<Integer, String> rewritten = rewrite ? readRewrite(root, rel, files) : Map.of();
      for (Entry e : entries) {
        ObjectNode o = e.node();
        String prompt = text(o, "Prompt", shown, e.line());
        text(o, "Explanation", shown, e.line());
        String category = text(o, "Category", shown, e.line());
        text(o, "Subcategory", shown, e.line());
        int id = promptId(o, shown, e.line());
        String before = seenIn.putIfAbsent(id, shown + ":" + e.line());
        if (before != null) {
          throw new DataException(shown, e.line(), "prompt_id", "duplicate prompt_id " + id + " (first at "
              + before + ")", SOURCE);
        }
        WiseCategory cat = version.categoryOf(id).orElseThrow(() -> new DataException(shown, e.line(), "prompt_id",
            "prompt_id " + id + " is outside " + WiseVersion.FIRST_ID + ".." + WiseVersion.LAST_ID, SOURCE));
        if (!cat.jsonValue().equals(category)) {
          // The id ranges differ between versions: this catches Verified files in the legacy folder and v.v.
          throw new DataException(shown, e.line(), "Category", "\"" + category + "\" but prompt_id " + id
              + " is in the " + version.id() + " range of \"" + cat.jsonValue() + "\" (" + cat.firstId() + "-"
              + cat.lastId() + "); is this the other WISE version's file?", SOURCE);
        }
        String genText = prompt;
        if (rewrite) {
          genText = rewritten.get(id);
          if (genText == null) {
            throw new DataException(rewriteName(shown), 0, "prompt_id", "no rewritten prompt for prompt_id " + id,
                SOURCE);
          }
        }
        counts.merge(cat.key(), 1, Integer::sum);
        prompts.add(new Prompt(Integer.toString(id), prompts.size(), genText, cat.key(), o));
      }
    }
    // No completeness check here: sample files in the official format (the embedded demo's) hold a few ids.
    // The official calculators' rule applies at aggregation: no overall unless every id 1..1000 is scored.
    String v = version.id() + (rewrite ? "-rewrite" : "");
    return new PromptSet(WiseBenchmark.ID, v, prompts, files, counts);
  }

  private static String rewriteName(String rel) {
    return rel.substring(0, rel.length() - ".json".length()) + "_rewrite.json";
  }

  private Map<Integer, String> readRewrite(Path root, String rel, List<DataFile> files) throws DataException {
    String rrel = rewriteName(rel);
    String shown = "wise/" + rrel;
    Map<Integer, String> out = new HashMap<>();
    for (Entry e : readArray(root.resolve(rrel), shown, files)) {
      // Only "Prompt" is used from the rewrite files (their Category differs once: id 748 says "Ecology").
      int id = promptId(e.node(), shown, e.line());
      if (out.put(id, text(e.node(), "Prompt", shown, e.line())) != null) {
        throw new DataException(shown, e.line(), "prompt_id", "duplicate prompt_id " + id, SOURCE);
      }
    }
    return out;
  }

  private List<Entry> readArray(Path file, String shown, List<DataFile> files) throws DataException {
    byte[] bytes;
    try {
      bytes = DataFiles.readAllBytes(file, shown);
    } catch (NoSuchFileException e) {
      throw new DataException(shown, 0, null, "file not found under " + file.getParent().toAbsolutePath()
          + "; copy the official WISE data folder into <data>/wise/ keeping its layout", SOURCE);
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot read: " + e.getMessage(), SOURCE);
    }
    files.add(new DataFile(shown, Hashing.sha256(bytes), bytes.length));
    List<Entry> out = new ArrayList<>();
    try (JsonParser p = mapper.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new DataException(shown, p.currentTokenLocation().getLineNr(), null,
            "expected a JSON array of prompt objects", SOURCE);
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        long line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          throw new DataException(shown, line, null, "expected a prompt object, found " + t, SOURCE);
        }
        JsonNode node = mapper.readTree(p);
        out.add(new Entry((ObjectNode) node, line));
      }
      if (p.nextToken() != null) {
        throw new DataException(shown, p.currentTokenLocation().getLineNr(), null,
            "content after the closing ']'", SOURCE);
      }
    } catch (IOException e) {
      long line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
          ? jpe.getLocation().getLineNr() : 0;
      throw new DataException(shown, line, null, "malformed JSON: "
          + e.getMessage().lines().findFirst().orElse(""), SOURCE);
    }
    return out;
  }

  private static String text(ObjectNode o, String field, String file, long line) throws DataException {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new DataException(file, line, field, v == null ? "missing" : "must be a string", SOURCE);
    }
    return v.asText();
  }

  private static int promptId(ObjectNode o, String file, long line) throws DataException {
    JsonNode v = o.get("prompt_id");
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      // The calculators skip ids that are not int (Calculate.py l.42-44); for prompts it is a broken file.
      throw new DataException(file, line, "prompt_id", v == null ? "missing" : "must be an integer", SOURCE);
    }
    return v.asInt();
  }
}
