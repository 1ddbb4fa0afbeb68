package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.data.DataFiles;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Reads the official GenAI-Bench image files from {@code <data>/genai-bench/}.
 *
 * <p>Prompt file ({@code genai_image.json}, or {@code genai_image_527_with_human_ratings.json}): one JSON object
 * mapping {@code prompt_idx} (a 5-digit string) to {@code {"id", "prompt", "prompt in Chinese"?, "models": {model:
 * [rating, ...]}}} (linzhiqiu/t2v_metrics@6ecb74f dataset.py l.1281-1300 reads "prompt" and "models"). Prompts keep
 * the file's order (Python dicts keep insertion order; dataset.py l.1287 iterates it) and the key as their id.
 *
 * <p>Tag file ({@code genai_skills.json} / {@code genai_skills_527.json}): {@code {tag: [int prompt index, ...]}},
 * each index looked up as {@code f"{idx:05d}"} (genai_bench/evaluate.py l.48-49); an index naming no prompt is an
 * error here (the official script would stop with a KeyError). A prompt's tags go into its metadata under
 * {@link GenAiBenchTags#METADATA_FIELD}, a tag listed k times for one index there k times: the official code appends
 * an index to its tag's list once per listing (evaluate.py l.46-52, genai_image_eval.py l.47-54, dataset.py
 * l.1357-1362), so it weighs k times in that tag's mean (but once in "all", a set union). Its category is "basic" or "advanced" by those two tags ("advanced" when
 * both, "untagged" when neither or without a tag file): the bootstrap strata. The aggregation reads the tags.
 *
 * <p>Every problem is a {@link DataException} naming the file, the line and the field.
 */
final class GenAiBenchPromptLoader {
  static final String DIR = "genai-bench";
  /** Marks a prompt-set version loaded without a tag file. */
  static final String NO_TAGS = "no skill tags";

  private final ObjectMapper mapper = Json.mapper();

  /** True when the prompt set was loaded with a tag file. */
  static boolean hasTags(String version) {
    return version != null && !version.contains(NO_TAGS);
  }

  PromptSet load(Path dataDir, GenAiBenchRelease release) throws DataException {
    Path root = dataDir.resolve(DIR);
    List<DataFile> files = new ArrayList<>();
    String promptName = DIR + "/" + release.promptFile();
    byte[] bytes = read(root.resolve(release.promptFile()), promptName, release, files, true);
    LinkedHashMap<String, ObjectNode> records = readPrompts(bytes, promptName, release);
    String skillsName = DIR + "/" + release.skillsFile();
    byte[] skillBytes = read(root.resolve(release.skillsFile()), skillsName, release, files,
        release.skillsRequired());
    Map<String, List<String>> tagsOf = new HashMap<>();
    boolean tagged = skillBytes != null;
    if (tagged) {
      readSkills(skillBytes, skillsName, release, records.keySet(), tagsOf);
    }
    List<Prompt> prompts = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    GenAiBenchTags.CATEGORIES.forEach(c -> counts.put(c, 0));
    for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
      ObjectNode meta = e.getValue().deepCopy();
      List<String> tags = tagsOf.getOrDefault(e.getKey(), List.of());
      ArrayNode arr = meta.putArray(GenAiBenchTags.METADATA_FIELD);
      // known tags in official order, then the others sorted; each as often as the tag file lists the prompt
      GenAiBenchTags.ALL.forEach(known -> tags.stream().filter(known::equals).forEach(arr::add));
      tags.stream().filter(t -> !GenAiBenchTags.ALL.contains(t)).sorted().forEach(arr::add);
      String category = tags.contains(GenAiBenchTags.ADVANCED) ? GenAiBenchTags.ADVANCED
          : tags.contains(GenAiBenchTags.BASIC) ? GenAiBenchTags.BASIC : GenAiBenchTags.UNTAGGED;
      counts.merge(category, 1, Integer::sum);
      prompts.add(new Prompt(e.getKey(), prompts.size(), meta.get("prompt").asText(), category, meta));
    }
    String version = release.id() + (tagged ? " (" + release.skillsFile() + ")" : " (" + NO_TAGS + ")");
    return new PromptSet(GenAiBenchBenchmark.ID, version, prompts, files, counts);
  }

  /** The file's bytes (hashed into {@code files}), or null for an optional file that is absent. */
  private static byte[] read(Path file, String shown, GenAiBenchRelease release, List<DataFile> files,
                             boolean required) throws DataException {
    try {
      byte[] b = DataFiles.readAllBytes(file, shown);
      files.add(new DataFile(shown, Hashing.sha256(b), b.length));
      return b;
    } catch (NoSuchFileException e) {
      if (!required) {
        return null;
      }
      throw new DataException(shown, 0, null, "file not found under " + file.getParent().toAbsolutePath()
          + " (release " + release.id() + "; `irg-eval data fetch genai-bench` or copy the dataset's files there)",
          release.source());
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot read: " + e.getMessage(), release.source());
    }
  }

  private LinkedHashMap<String, ObjectNode> readPrompts(byte[] bytes, String shown, GenAiBenchRelease release)
      throws DataException {
    LinkedHashMap<String, ObjectNode> out = new LinkedHashMap<>();
    try (JsonParser p = mapper.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataException(shown, line(p), null, "expected a JSON object {prompt_idx: record}", release.source());
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        long line = line(p);
        if (!key.matches("[0-9]{5}")) {
          throw new DataException(shown, line, "prompt_idx", "key '" + key + "' is not a 5-digit prompt index",
              release.source());
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new DataException(shown, line, key, "the record of " + key + " is not a JSON object",
              release.source());
        }
        ObjectNode o = (ObjectNode) mapper.readTree(p);
        check(o, key, shown, line, release);
        if (out.put(key, o) != null) {
          throw new DataException(shown, line, "prompt_idx", "duplicate prompt index " + key, release.source());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new DataException(shown, line(p), null, "content after the closing '}'", release.source());
      }
    } catch (JsonProcessingException e) {
      throw new DataException(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "malformed JSON: " + e.getOriginalMessage(), release.source());
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot parse: " + e.getMessage(), release.source());
    }
    if (out.isEmpty()) {
      throw new DataException(shown, 0, null, "no prompts", release.source());
    }
    return out;
  }

  private static void check(ObjectNode o, String key, String shown, long line, GenAiBenchRelease release)
      throws DataException {
    JsonNode prompt = o.get("prompt");
    if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
      throw new DataException(shown, line, "prompt", prompt == null ? "missing in " + key
          : "must be a non-empty string in " + key, release.source());
    }
    JsonNode models = o.get("models");
    if (models == null) {
      return;
    }
    if (!models.isObject()) {
      throw new DataException(shown, line, "models", "must be an object {model: [ratings]} in " + key,
          release.source());
    }
    for (var it = models.fields(); it.hasNext(); ) {
      var m = it.next();
      JsonNode r = m.getValue();
      boolean ok = r.isArray() && !r.isEmpty();
      for (JsonNode v : r) {
        // Not range-checked: the official 527 file has two out-of-scale ratings (00232 DALLE_3 41, see
        // docs/genai-bench.md) and the official code averages them as they are (dataset.py l.1339).
        ok &= v.isNumber();
      }
      if (!ok) {
        throw new DataException(shown, line, "models." + m.getKey(), "must be a non-empty list of numeric ratings in "
            + key, release.source());
      }
    }
  }

  private void readSkills(byte[] bytes, String shown, GenAiBenchRelease release, Set<String> keys,
                          Map<String, List<String>> tagsOf) throws DataException {
    try (JsonParser p = mapper.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataException(shown, line(p), null, "expected a JSON object {tag: [prompt index, ...]}",
            release.source());
      }
      Set<String> seenTags = new LinkedHashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String tag = p.currentName();
        if (!seenTags.add(tag)) {
          throw new DataException(shown, line(p), tag, "duplicate tag", release.source());
        }
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new DataException(shown, line(p), tag, "must be a list of int prompt indices", release.source());
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new DataException(shown, line(p), tag, "'" + p.getText() + "' is not an int prompt index",
                release.source());
          }
          String key = String.format("%05d", p.getLongValue());
          if (!keys.contains(key)) {
            throw new DataException(shown, line(p), tag, "prompt index " + p.getLongValue() + " (" + key
                + ") is not in " + release.promptFile(), release.source());
          }
          tagsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(tag);
        }
      }
    } catch (JsonProcessingException e) {
      throw new DataException(shown, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "malformed JSON: " + e.getOriginalMessage(), release.source());
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot parse: " + e.getMessage(), release.source());
    }
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
