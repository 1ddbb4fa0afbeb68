package org.irgeval.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.data.DemoSamples;
import org.irgeval.run.OptionCheck;

/**
 * Fuzz kit for a benchmark's loader and official-results importer (docs/fuzzing.md). An adapter's
 * {@code <Id>LoaderFuzzTest} extends it like {@link BenchmarkContract}. Each try takes the adapter's demo samples
 * (valid files in the official layout), breaks ONE file with a {@link FuzzMutations} mutation (structured-but-wrong
 * JSON, CSV cells, dropped or doubled lines, truncation, junk and invalid UTF-8 bytes, an empty file) and loads the
 * folder through {@link Benchmark#load}; the same for the official results the adapter's exporter writes, read
 * back through {@link Benchmark#officialResults()}.
 *
 * <p>The property: the only exception is the declared one ({@link DataException}; for the importer also an
 * {@link IOException}), its message names the file, and a broken record of a line-oriented file (JSON lines, CSV)
 * is reported with its line.
 */
public abstract class BenchmarkFuzzTest {
  /** The demo data and exported results of one adapter, made once per test class. */
  private record Folders(Path root, Path data, List<Path> dataFiles, Path results, List<Path> resultFiles) {}

  private static final Map<String, Folders> FOLDERS = new ConcurrentHashMap<>();

  /** The adapter under test. */
  protected abstract Benchmark benchmark();

  /** A successful score of one image (the contract test's {@code validScore}). */
  protected abstract ScoreOutcome validScore(Prompt prompt, Random rnd);

  /** The file or folder the importer reads, given the folder the exporter wrote (default: the folder). */
  protected Path officialResultsInput(Path exportDir) throws IOException {
    List<Path> written = files(exportDir);
    return written.size() == 1 ? written.get(0) : exportDir;
  }

  private Folders setUp() throws Exception {
    Folders f = FOLDERS.get(benchmark().id());
    if (f != null) {
      return f;
    }
    Path root = Files.createTempDirectory("irg-fuzz-" + benchmark().id());
    Path data = DemoSamples.on(getClass().getClassLoader()).extract(root.resolve("data"), benchmark().id());
    List<Path> dataFiles = files(data);
    PromptSet set = benchmark().load(data, OptionCheck.benchmark(benchmark(), Map.of()));
    Path export = Files.createDirectories(root.resolve("export"));
    List<ScoredSample> scored = new ArrayList<>();
    Random rnd = new Random(7);
    for (Prompt p : set.prompts()) {
      for (int s = 0; s < Math.max(1, benchmark().defaultSamples()); s++) {
        ScoreOutcome o = validScore(p, rnd);
        scored.add(new ScoredSample(p, s, new ScoreRecord(new ScoreKey(set.benchmark(), p.id(), s, Variant.REFLECTION,
            "fuzz"), o.values(), o.detail(), o.raw(), null, 1)));
      }
    }
    benchmark().writeOfficialResults(export, set, scored);
    Path results = officialResultsInput(export);
    List<Path> resultFiles = !Files.exists(results) ? List.of() : Files.isDirectory(results) ? files(results)
        : List.of(results);
    OfficialResultsImporter importer = benchmark().officialResults().orElse(null);
    if (importer != null && !resultFiles.isEmpty()) {
      importer.read(results, set); // the unbroken export must import: the fuzz starts from valid files
    }
    f = new Folders(root, data, dataFiles, results, resultFiles);
    FOLDERS.put(benchmark().id(), f);
    return f;
  }

  @AfterContainer
  static void removeFolders() throws IOException {
    for (Folders f : FOLDERS.values()) {
      try (Stream<Path> s = Files.walk(f.root())) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    FOLDERS.clear();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Property(seed = "20250915", shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void loadingBrokenDataFilesFailsOnlyWithDataExceptionsNamingFileAndLine(@ForAll long seed) throws Exception {
    Folders f = setUp();
    Path data = f.data();
    Random rnd = new Random(seed);
    Path target = f.dataFiles().get(rnd.nextInt(f.dataFiles().size()));
    byte[] original = Files.readAllBytes(target);
    FuzzMutations.Mutant m = FuzzMutations.mutate(original, target.getFileName().toString(), rnd);
    Files.write(target, m.bytes());
    try {
      benchmark().load(data, OptionCheck.benchmark(benchmark(), Map.of()));
    } catch (DataException e) {
      check(e, data.relativize(target).toString().replace('\\', '/'), m);
    } catch (RuntimeException e) {
      throw new AssertionError("uncaught " + e + " loading " + target + " after " + m.describe(), e);
    } finally {
      Files.write(target, original);
    }
  }

  @Property(seed = "20250916", shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void importingBrokenOfficialResultsFailsOnlyWithDeclaredExceptionsNamingTheFile(@ForAll long seed)
      throws Exception {
    Folders f = setUp();
    Path data = f.data();
    Path results = f.results();
    List<Path> resultFiles = f.resultFiles();
    OfficialResultsImporter importer = benchmark().officialResults().orElse(null);
    if (importer == null || resultFiles.isEmpty()) {
      return;
    }
    PromptSet set = benchmark().load(data, OptionCheck.benchmark(benchmark(), Map.of()));
    Random rnd = new Random(seed);
    Path target = resultFiles.get(rnd.nextInt(resultFiles.size()));
    byte[] original = Files.readAllBytes(target);
    FuzzMutations.Mutant m = FuzzMutations.mutate(original, target.getFileName().toString(), rnd);
    Files.write(target, m.bytes());
    try {
      importer.read(results, set);
      if (rnd.nextInt(4) == 0) {
        importer.promptsFromResults(results, OptionCheck.benchmark(benchmark(), Map.of()));
      }
    } catch (DataException e) {
      check(e, target.getFileName().toString(), m);
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains(target.getFileName().toString()),
          "an IOException must name the file: " + e + " after " + m.describe());
    } catch (RuntimeException e) {
      throw new AssertionError("uncaught " + e + " importing " + target + " after " + m.describe(), e);
    } finally {
      Files.write(target, original);
    }
  }

  /** The error names a file; a broken record of a line-oriented file is named with its line. */
  private static void check(DataException e, String mutated, FuzzMutations.Mutant m) {
    assertNotNull(e.file(), "a DataException without a file: " + e.getMessage());
    assertTrue(!e.file().isBlank() && e.getMessage().contains(e.file()),
        "the message names the file: " + e.getMessage());
    if (m.lineOriented() && e.file().endsWith(mutated) && m.brokenLine() > 0 && e.field() != null) {
      assertTrue(e.line() > 0, "a bad field of a line-oriented file names its line: " + e.getMessage() + " after "
          + m.describe());
    }
    if (m.lineOriented() && e.file().endsWith(mutated) && m.kind() == FuzzMutations.Kind.LINE_NOT_JSON
        && e.getMessage().contains("not valid JSON")) {
      assertTrue(e.line() > 0, "a line that is not JSON is named: " + e.getMessage());
    }
  }

  /** Fails with a readable message when {@code r} throws anything but {@code allowed}. */
  public static void onlyThrows(Class<? extends Throwable> allowed, ThrowingRunnable r, String what) {
    try {
      r.run();
    } catch (Throwable t) {
      if (!allowed.isInstance(t)) {
        fail("uncaught " + t + " for " + what, t);
      }
    }
  }

  /** A runnable that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---------------------------------------------------------------------------------------------------------

  /** Structured-but-wrong variations of a valid file (JSON, JSON lines, CSV, text), drawn from one Random. */
  public static final class FuzzMutations {
    private FuzzMutations() {}

    /** What was done to the file. */
    public enum Kind {
      EMPTY, TRUNCATE, JUNK_BYTES, INVALID_UTF8, FLIP_BYTE, DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, LINE_NOT_JSON,
      JSON_VALUE, JSON_REMOVE_FIELD, CSV_CELL, HUGE_NUMBER_TEXT, BOM_AND_CRLF
    }

    /**
     * A broken file.
     *
     * @param kind         the mutation
     * @param bytes        the new content
     * @param lineOriented the file holds one record per line (.jsonl, .csv)
     * @param brokenLine   the 1-based line changed by a record-level mutation, or 0
     * @param detail       what exactly changed
     */
    public record Mutant(Kind kind, byte[] bytes, boolean lineOriented, int brokenLine, String detail) {
      public String describe() {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        return kind + (brokenLine > 0 ? " on line " + brokenLine : "") + " (" + detail + "), content starts: "
            + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
      }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAN = "\"__fuzz_nan__\"";
    private static final String HUGE = "\"__fuzz_huge__\"";

    /** Weird JSON values put where a valid one was: wrong types, empties, huge and non-finite numbers. */
    public static JsonNode weirdValue(Random rnd) {
      var f = JsonNodeFactory.instance;
      return switch (rnd.nextInt(18)) {
        case 0 -> f.nullNode();
        case 1 -> f.textNode("");
        case 2 -> f.textNode("   ");
        case 3 -> f.numberNode(-1);
        case 4 -> f.numberNode(0);
        case 5 -> f.numberNode(Long.MAX_VALUE);
        case 6 -> f.numberNode(1.5);
        case 7 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
        case 8 -> f.booleanNode(rnd.nextBoolean());
        case 9 -> f.arrayNode();
        case 10 -> f.objectNode();
        case 11 -> f.arrayNode().add(f.objectNode().put("x", 1)).add(f.nullNode());
        case 12 -> f.textNode("NaN");
        case 13 -> f.textNode("1e400");
        case 14 -> f.textNode("\u00e9\u4e2d\ud83d\ude00\u0000\n\"',;");
        case 15 -> f.textNode("__fuzz_nan__");
        case 16 -> f.textNode("__fuzz_huge__");
        default -> f.numberNode(-0.0);
      };
    }

    /** Junk strings for lines and cells. */
    public static String junk(Random rnd) {
      String[] js = {"", " ", "{", "}", "[", "{\"a\":", "null", "true", "42", "\"text\"", "[1,2", "{}", "[]",
          "NaN", "-Infinity", "1e99999", "99999999999999999999999", "\"unterminated", ",,,,", "\"\"\"", "\u0000",
          "{\"a\":1}{\"b\":2}", "<html>502 Bad Gateway</html>", "\t", "\u00ff\u00fe", "{\"a\":NaN}"};
      return js[rnd.nextInt(js.length)];
    }

    public static Mutant mutate(byte[] original, String fileName, Random rnd) {
      String name = fileName.toLowerCase(Locale.ROOT);
      boolean jsonl = name.endsWith(".jsonl");
      boolean csv = name.endsWith(".csv");
      boolean json = name.endsWith(".json");
      boolean lineOriented = jsonl || csv;
      String text = new String(original, java.nio.charset.StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      Kind[] kinds = Kind.values();
      Kind kind = kinds[rnd.nextInt(kinds.length)];
      try {
        switch (kind) {
          case EMPTY:
            return new Mutant(kind, new byte[0], lineOriented, 0, "empty file");
          case TRUNCATE: {
            int at = original.length == 0 ? 0 : rnd.nextInt(original.length);
            return new Mutant(kind, Arrays.copyOf(original, at), lineOriented, 0, "cut at byte " + at);
          }
          case JUNK_BYTES: case INVALID_UTF8: {
            byte[] junk = new byte[1 + rnd.nextInt(8)];
            rnd.nextBytes(junk);
            if (kind == Kind.INVALID_UTF8) {
              byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0,
                  (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80}};
              junk = bad[rnd.nextInt(bad.length)];
            }
            int at = original.length == 0 ? 0 : rnd.nextInt(original.length + 1);
            byte[] out = new byte[original.length + junk.length];
            System.arraycopy(original, 0, out, 0, at);
            System.arraycopy(junk, 0, out, at, junk.length);
            System.arraycopy(original, at, out, at + junk.length, original.length - at);
            return new Mutant(kind, out, lineOriented, 0, junk.length + " bytes at " + at);
          }
          case FLIP_BYTE: {
            byte[] out = original.clone();
            if (out.length > 0) {
              out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
            }
            return new Mutant(kind, out, lineOriented, 0, "one byte");
          }
          case DELETE_LINE: case DUPLICATE_LINE: case SWAP_LINES: {
            int i = rnd.nextInt(lines.size());
            int j = rnd.nextInt(lines.size());
            if (kind == Kind.DELETE_LINE) {
              lines.remove(i);
            } else if (kind == Kind.DUPLICATE_LINE) {
              lines.add(i, lines.get(i));
            } else {
              Collections.swap(lines, i, j);
            }
            return new Mutant(kind, utf8(String.join("\n", lines)), lineOriented, 0, "lines " + (i + 1) + "," + (j + 1));
          }
          case LINE_NOT_JSON: {
            int i = rnd.nextInt(lines.size());
            String j = junk(rnd);
            lines.set(i, j);
            return new Mutant(kind, utf8(String.join("\n", lines)), lineOriented, j.isBlank() ? 0 : i + 1,
                "line replaced by " + j);
          }
          case JSON_VALUE: case JSON_REMOVE_FIELD: {
            if (json) {
              var tree = JSON.readTree(original);
              String what = mutateTree(tree, kind == Kind.JSON_REMOVE_FIELD, rnd);
              return new Mutant(kind, finish(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree)),
                  false, 0, what);
            }
            if (jsonl) {
              int i = rnd.nextInt(lines.size());
              if (lines.get(i).isBlank()) {
                return new Mutant(kind, original, true, 0, "blank line left alone");
              }
              var tree = JSON.readTree(lines.get(i));
              String what = mutateTree(tree, kind == Kind.JSON_REMOVE_FIELD, rnd);
              lines.set(i, new String(finish(JSON.writeValueAsString(tree)), java.nio.charset.StandardCharsets.UTF_8));
              return new Mutant(kind, utf8(String.join("\n", lines)), true, i + 1, what);
            }
            return mutate(original, "x.csv", rnd);
          }
          case CSV_CELL: case HUGE_NUMBER_TEXT: {
            int i = rnd.nextInt(lines.size());
            String[] cells = lines.get(i).split(",", -1);
            int c = rnd.nextInt(cells.length);
            String[] weird = {"", "\"", "\"\"", "\"a,b\"", "NaN", "-1", "1e400", "99999999999999999999", "Infinity",
                "\"x\ny\"", "\u00e9", "0x1F", " 1 ", "-0"};
            String w = kind == Kind.HUGE_NUMBER_TEXT ? new String[] {"1e400", "NaN", "99999999999999999999",
                "-99999999999999999999", "Infinity", "1.7976931348623157E309"}[rnd.nextInt(6)]
                : weird[rnd.nextInt(weird.length)];
            String old = cells[c];
            if (kind == Kind.HUGE_NUMBER_TEXT) {
              // replace the first number of the line (JSON lines, JSON, CSV alike)
              var m = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(lines.get(i));
              if (!m.find()) {
                return new Mutant(kind, original, lineOriented, 0, "no number on line " + (i + 1));
              }
              lines.set(i, lines.get(i).substring(0, m.start()) + w + lines.get(i).substring(m.end()));
              return new Mutant(kind, utf8(String.join("\n", lines)), lineOriented, lineOriented ? i + 1 : 0,
                  m.group() + " -> " + w);
            }
            cells[c] = w;
            lines.set(i, String.join(",", cells));
            return new Mutant(kind, utf8(String.join("\n", lines)), lineOriented, 0, "cell " + c + " '" + old
                + "' -> '" + w + "' on line " + (i + 1));
          }
          case BOM_AND_CRLF:
          default: {
            String t = rnd.nextBoolean() ? "\ufeff" + text : text.replace("\n", "\r\n");
            return new Mutant(kind, utf8(t), lineOriented, 0, "BOM or CRLF");
          }
        }
      } catch (IOException e) {
        return new Mutant(kind, original, lineOriented, 0, "not JSON, left alone");
      }
    }

    private static byte[] utf8(String s) {
      return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] finish(String json) {
      return utf8(json.replace(NAN, "NaN").replace(HUGE, "1e400"));
    }

    /** Replaces (or removes) one random node of {@code tree} in place; returns its path. */
    private static String mutateTree(JsonNode tree, boolean remove, Random rnd) {
      List<String> path = new ArrayList<>();
      JsonNode parent = null;
      String key = null;
      int index = -1;
      JsonNode node = tree;
      int depth = 1 + rnd.nextInt(4);
      for (int d = 0; d < depth && node.isContainerNode() && node.size() > 0; d++) {
        parent = node;
        if (node.isObject()) {
          List<String> names = new ArrayList<>();
          node.fieldNames().forEachRemaining(names::add);
          key = names.get(rnd.nextInt(names.size()));
          index = -1;
          node = node.get(key);
          path.add(key);
        } else {
          index = rnd.nextInt(node.size());
          key = null;
          node = node.get(index);
          path.add("[" + index + "]");
        }
      }
      if (parent == null) {
        return "root left alone";
      }
      if (parent instanceof ObjectNode o) {
        if (remove) {
          o.remove(key);
        } else {
          o.set(key, weirdValue(rnd));
        }
      } else if (parent instanceof ArrayNode a) {
        if (remove) {
          a.remove(index);
        } else {
          a.set(index, weirdValue(rnd));
        }
      }
      return (remove ? "removed " : "replaced ") + String.join(".", path);
    }
  }
}
