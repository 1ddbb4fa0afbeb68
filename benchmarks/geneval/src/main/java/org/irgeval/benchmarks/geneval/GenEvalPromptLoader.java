package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.irgeval.api.DataException;
import org.irgeval.api.DataFile;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.benchmarks.geneval.rules.Spec;
import org.irgeval.data.DataFiles;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.pipeline.reference.SceneObject;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/** Reads {@code <data>/geneval/} (class list + one metadata file) into a {@link PromptSet}. */
public final class GenEvalPromptLoader {
  /** Folder of the benchmark under the data root. */
  public static final String DIR = "geneval";

  private final ObjectMapper mapper = Json.mapper();

  public PromptSet load(Path dataDir, PromptFile which) throws DataException {
    Path root = dataDir.resolve(DIR);
    String classesName = DIR + "/" + ClassNames.PATH;
    ClassNames classes = ClassNames.read(root.resolve(ClassNames.PATH), classesName);
    String metaName = DIR + "/" + which.path();
    Path metaPath = root.resolve(which.path());
    List<String> lines;
    try {
      lines = DataFiles.readAllLines(metaPath, metaName);
    } catch (NoSuchFileException e) {
      throw new DataException(metaName, 0, null, "file not found", which.source());
    } catch (IOException e) {
      throw new DataException(metaName, 0, null, "cannot read: " + e.getMessage(), which.source());
    }
    SpecParser parser = new SpecParser(classes, metaName, which.source());
    List<Prompt> prompts = new ArrayList<>();
    Map<String, Integer> categories = new LinkedHashMap<>();
    SpecParser.TAGS.forEach(t -> categories.put(t, 0));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        if (i == lines.size() - 1) {
          continue; // a trailing newline only
        }
        throw new DataException(metaName, i + 1, null, "empty line inside the file", which.source());
      }
      JsonNode node;
      try {
        node = Json.strict(mapper).readTree(line); // one value per line
      } catch (JsonProcessingException e) {
        throw new DataException(metaName, i + 1, null, "not valid JSON: " + e.getOriginalMessage(), which.source());
      }
      Spec spec = parser.parse(node, i + 1);
      int index = prompts.size();
      prompts.add(new Prompt(idOf(index), index, spec.prompt(), spec.tag(), (ObjectNode) node));
      categories.merge(spec.tag(), 1, Integer::sum);
    }
    if (prompts.isEmpty()) {
      throw new DataException(metaName, 0, null, "no prompts", which.source());
    }
    return new PromptSet(GenEvalBenchmark.ID, which.version(), prompts,
        List.of(dataFile(metaPath, metaName), dataFile(root.resolve(ClassNames.PATH), classesName)),
        categories);
  }

  /** The official folder name of the prompt on line {@code index} (diffusers_generate.py: {@code f"{index:0>5}"}). */
  public static String idOf(int index) {
    return String.format("%05d", index);
  }

  /**
   * The reference pipeline's hints of every prompt: one scene object per include entry, coded by its index in
   * the class list (what the plumbing detector reads back).
   */
  static Function<Prompt, SceneHints> sceneHints(Path dataDir) throws DataException {
    String classesName = DIR + "/" + ClassNames.PATH;
    ClassNames classes = ClassNames.read(dataDir.resolve(DIR).resolve(ClassNames.PATH), classesName);
    SpecParser parser = new SpecParser(classes, DIR, null);
    return p -> {
      try {
        return hints(parser.parse(p.metadata(), p.index() + 1), classes);
      } catch (DataException e) {
        throw new IllegalStateException("prompt " + p.id() + " passed the loader but not the hints: " + e.getMessage(), e);
      }
    };
  }

  static SceneHints hints(Spec spec, ClassNames classes) {
    List<SceneObject> objects = new ArrayList<>();
    for (Spec.Include in : spec.include()) {
      objects.add(new SceneObject(in.className(), classes.indexOf(in.className()), in.count(), in.color(),
          in.relation(), in.target()));
    }
    return new SceneHints(objects, null);
  }

  private static DataFile dataFile(Path file, String name) throws DataException {
    try {
      return new DataFile(name, Hashing.sha256(file), Files.size(file));
    } catch (IOException e) {
      throw new DataException(name, 0, null, "cannot hash: " + e.getMessage(), null);
    }
  }
}
