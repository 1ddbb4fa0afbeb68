package org.irgeval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.Trajectory;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.Summary;
import org.irgeval.util.Json;

/**
 * A read-only view of a run directory for reports and comparisons: it never repairs, locks or writes (a report
 * may read a run that is still going). A torn last journal line (a run killed mid-write, or one writing now) is
 * left out; a bad line anywhere else is an error naming file and line.
 *
 * @param dir          the run directory
 * @param manifest     {@code manifest.json}, or null (an import has a small one)
 * @param summary      {@code summary.json}
 * @param trajectories stored trajectories by id
 * @param scores       stored score lines
 * @param prompts      the prompt sets the run recorded, by benchmark id
 * @param notes        what was left out while reading (a torn last journal line), for the reader to say
 */
public record RunSnapshot(Path dir, Manifest manifest, Summary summary, Map<String, Trajectory> trajectories,
                          List<ScoreRecord> scores, Map<String, PromptSet> prompts, List<String> notes) {
  private record Numbered(int line, JsonNode node) {}

  public static RunSnapshot read(Path dir) throws IOException {
    ObjectMapper mapper = Json.mapper();
    Path summaryFile = dir.resolve(RunStore.SUMMARY);
    if (!Files.isRegularFile(summaryFile)) {
      throw new IOException(dir + " is not a run directory (no " + RunStore.SUMMARY + ")");
    }
    JsonNode summaryJson = named(summaryFile, () -> mapper.readTree(summaryFile.toFile()));
    if (!Summary.isSummary(summaryJson)) {
      // an empty or mistyped summary would give an empty report with exit 0
      throw new IOException(summaryFile + ": not a run summary (no \"benchmarks\" object); run 'irg-eval score "
          + dir + "' to write it again");
    }
    Summary summary = named(summaryFile, () -> Summary.of(summaryJson));
    Path manifestFile = dir.resolve(RunStore.MANIFEST);
    Manifest manifest = Files.isRegularFile(manifestFile)
        ? named(manifestFile, () -> Manifest.of(mapper.readTree(manifestFile.toFile()))) : null;
    List<String> notes = new ArrayList<>();
    Map<String, Trajectory> trajectories = new LinkedHashMap<>();
    Path tf = dir.resolve(RunStore.TRAJECTORIES);
    for (Numbered n : lines(tf, mapper, notes)) {
      require(tf, n, "id", "benchmark", "prompt_id", "turns");
      Trajectory t = named(tf, () -> mapper.treeToValue(n.node(), Trajectory.class));
      trajectories.putIfAbsent(t.id(), t);
    }
    List<ScoreRecord> scores = new ArrayList<>();
    Path sf = dir.resolve(RunStore.SCORES);
    for (Numbered n : lines(sf, mapper, notes)) {
      require(sf, n, "benchmark", "prompt_id", "sample", "variant", "scorer");
      scores.add(named(sf, () -> RunStore.fromLine(mapper.treeToValue(n.node(), RunStore.ScoreLine.class))));
    }
    Map<String, PromptSet> prompts = new LinkedHashMap<>();
    Path pdir = dir.resolve(RunStore.PROMPTS);
    if (Files.isDirectory(pdir)) {
      try (Stream<Path> s = Files.list(pdir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          PromptSet set = named(f, () -> mapper.readValue(f.toFile(), PromptSet.class));
          prompts.put(set.benchmark(), set);
        }
      }
    }
    return new RunSnapshot(dir, manifest, summary, trajectories, List.copyOf(scores), prompts, List.copyOf(notes));
  }

  /** A journal line lacking a field every line has is an error naming file, line and field (never an NPE later). */
  private static void require(Path file, Numbered n, String... fields) throws IOException {
    for (String f : fields) {
      if (!n.node().isObject() || n.node().path(f).isMissingNode() || n.node().path(f).isNull()) {
        throw new IOException(file + ":" + n.line() + ": field '" + f + "' is missing");
      }
    }
  }

  /** The run's name (its summary's, else its folder's). */
  public String name() {
    String n = summary.run() == null ? "" : summary.run();
    return n.isEmpty() ? dir.getFileName().toString() : n;
  }

  /** The prompt set of a benchmark, if the run recorded it. */
  public Optional<PromptSet> promptSet(String benchmark) {
    return Optional.ofNullable(prompts.get(benchmark));
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  /** A read whose Jackson or record error names the file (found by StoreFuzzTest: "Cannot construct ..." alone). */
  private static <T> T named(Path file, Read<T> read) throws IOException {
    try {
      T v = read.get();
      if (v == null) {
        throw new IOException(file + ": empty or JSON null");
      }
      return v;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IOException(file + ": " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e), e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text (" + e + ")", e);
    }
  }

  private static List<Numbered> lines(Path file, ObjectMapper mapper, List<String> notes) throws IOException {
    List<Numbered> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    List<String> lines = named(file, () -> Files.readAllLines(file, StandardCharsets.UTF_8));
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) {
        continue;
      }
      try {
        out.add(new Numbered(i + 1, Json.strict(mapper).readTree(l))); // one value per line
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1) {
          // a torn last line: the writer will repair it; a reader leaves it out, and says so
          notes.add(file + ":" + (i + 1) + ": torn last line left out (a run killed while writing it, or one still"
              + " writing)");
          break;
        }
        throw new IOException(file + ":" + (i + 1) + ": not a JSON line (" + e.getOriginalMessage() + ")", e);
      }
    }
    return out;
  }
}
