package org.irgeval.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import javax.imageio.ImageIO;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.Variant;
import org.irgeval.api.VariantSummary;
import org.irgeval.data.DemoSamples;
import org.irgeval.run.OptionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every benchmark adapter keeps, as tests (in the spirit of JUnit's {@code EngineTestKit}): an
 * adapter's test class extends this and supplies the adapter and a valid score; the checks below then run on its
 * demo samples. What each check guards is in docs/adding-a-benchmark.md ("The contract kit").
 */
public abstract class BenchmarkContract {
  @TempDir
  protected Path tmp;

  /** The adapter under test. */
  protected abstract Benchmark benchmark();

  /**
   * A successful score of one image of {@code prompt}, with the values the aggregation reads, drawn from
   * {@code rnd} so that different samples get different values.
   */
  protected abstract ScoreOutcome validScore(Prompt prompt, Random rnd);

  /** False only for test fixtures that are deliberately not in {@code META-INF/services}. */
  protected boolean registeredAsService() {
    return true;
  }

  /** A data root holding this benchmark's demo samples (default: its {@code demo-data/} from the class path). */
  protected Path demoData() throws IOException {
    return DemoSamples.on(getClass().getClassLoader()).extract(tmp.resolve("demo-data"), benchmark().id());
  }

  /**
   * An official results file (or folder) for the importer holding {@code content}; default: one file named
   * {@link #officialResultsFileName()} in a fresh folder.
   */
  protected Path officialResults(String content) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "official");
    Path f = dir.resolve(officialResultsFileName());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  /** The file name the official scripts write (e.g. {@code results.jsonl}). */
  protected String officialResultsFileName() {
    return "results.jsonl";
  }

  /**
   * Malformed official results that the importer must refuse with a {@link DataException} naming the file, the
   * line and the field. Beyond the generic cases (empty file, a line that is not JSON), an adapter adds at least
   * one record with a bad field.
   */
  protected List<Malformed> malformedResults() {
    return List.of();
  }

  /**
   * A malformed official results file.
   *
   * @param content the file's text
   * @param line    the 1-based line the error must name (0: the error is about the whole file)
   * @param field   the field the error must name, or null
   */
  public record Malformed(String content, long line, String field) {}

  // ---------------------------------------------------------------------------------------------------------

  @Test
  void idMatchesServiceFile() throws IOException {
    Benchmark b = benchmark();
    assertTrue(b.id().matches("[a-z0-9][a-z0-9-]*"), "ids are lower-case kebab: " + b.id());
    Set<String> listed = new HashSet<>();
    ClassLoader cl = getClass().getClassLoader();
    for (var urls = cl.getResources("META-INF/services/" + Benchmark.class.getName()); urls.hasMoreElements(); ) {
      try (InputStream in = urls.nextElement().openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").strip())
            .filter(l -> !l.isEmpty()).forEach(listed::add);
      }
    }
    Optional<Benchmark> found = ServiceLoader.load(Benchmark.class, cl).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.getClass() == b.getClass()).findFirst();
    if (!registeredAsService()) {
      assertFalse(listed.contains(b.getClass().getName()), "a test fixture must not be a service");
      return;
    }
    assertTrue(listed.contains(b.getClass().getName()),
        b.getClass().getName() + " is not listed in META-INF/services/" + Benchmark.class.getName());
    assertEquals(b.id(), found.orElseThrow().id(), "the service instance has another id");
  }

  @Test
  void loadsItsDemoSamples() throws Exception {
    PromptSet set = load();
    assertEquals(benchmark().id(), set.benchmark());
    assertFalse(set.prompts().isEmpty(), "no prompts in the demo samples");
    assertFalse(set.version() == null || set.version().isBlank(), "the prompt set names its version");
    Set<String> ids = new HashSet<>();
    Map<String, Integer> counted = new LinkedHashMap<>();
    for (int i = 0; i < set.prompts().size(); i++) {
      Prompt p = set.prompts().get(i);
      assertTrue(ids.add(p.id()), "duplicate prompt id " + p.id());
      assertTrue(set.categories().containsKey(p.category()), p.id() + ": category " + p.category()
          + " is not among " + set.categories().keySet());
      counted.merge(p.category(), 1, Integer::sum);
    }
    counted.forEach((c, n) -> assertEquals(n, set.categories().get(c), "prompt count of category " + c));
    for (var f : set.files()) {
      assertTrue(f.sha256().matches("[0-9a-f]{64}"), "every data file read is hashed: " + f.path());
    }
  }

  @Test
  void aggregateIsPureAndOrderIndependent() throws Exception {
    PromptSet set = load();
    List<ScoredSample> samples = scoredRun(set, new Random(7));
    List<ScoredSample> copy = List.copyOf(samples);
    VariantSummary first = benchmark().aggregate(set, samples);
    assertEquals(copy, samples, "aggregate must not change its input");
    if (first.overall() == null) {
      assertFalse(first.notes().isEmpty(), "an overall the official rules withhold comes with a note saying why");
    }
    assertSame(first, benchmark().aggregate(set, samples), "a second call");
    for (int seed = 1; seed <= 3; seed++) {
      List<ScoredSample> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, new Random(seed));
      assertSame(first, benchmark().aggregate(set, shuffled), "shuffled input (seed " + seed + ")");
    }
  }

  @Test
  void failuresAreCountedNeverAveragedIn() throws Exception {
    PromptSet set = load();
    List<ScoredSample> samples = scoredRun(set, new Random(11));
    List<ScoredSample> withFailures = new ArrayList<>();
    List<ScoredSample> withoutFailures = new ArrayList<>();
    int failed = 0;
    for (int i = 0; i < samples.size(); i++) {
      ScoredSample s = samples.get(i);
      if (i % 3 == 1) {
        failed++;
        withFailures.add(new ScoredSample(s.prompt(), s.sample(), new ScoreRecord(s.score().key(), Map.of(), null,
            "unparseable reply", "judge gave no usable answer after 3 attempts", 1)));
      } else {
        withFailures.add(s);
        withoutFailures.add(s);
      }
    }
    VariantSummary with = benchmark().aggregate(set, withFailures);
    VariantSummary without = benchmark().aggregate(set, withoutFailures);
    assertEquals(failed, with.failures(), "every failure is counted");
    assertEquals(samples.size() - failed, with.nImages(), "failures are not scored images");
    if (with.overall() != null) {
      assertEquals(without.overall(), with.overall(), 1e-12,
          "a failure must not move the overall (it is left out, or the overall is withheld)");
    }
    with.categories().forEach((k, v) -> {
      if (v != null && without.categories().get(k) != null) {
        assertEquals(without.categories().get(k), v, 1e-12, "category " + k + " moved by failures");
      }
    });
  }

  @Test
  void paperTableKeysAreCategories() throws Exception {
    PaperTable t = benchmark().paperTable();
    assertFalse(t.columns().isEmpty());
    PromptSet set = load();
    Set<String> keys = new HashSet<>(benchmark().aggregate(set, scoredRun(set, new Random(3))).categories().keySet());
    keys.add("overall");
    for (PaperTable.Column c : t.columns()) {
      assertTrue(keys.contains(c.key()), "paper column " + c.header() + " reads '" + c.key()
          + "', which the aggregation never produces (keys: " + keys + ")");
    }
    t.rows().values().forEach(rows -> rows.forEach(r -> r.values().keySet().forEach(k -> assertTrue(
        t.columns().stream().anyMatch(c -> c.key().equals(k)), r.label() + ": value for unknown column " + k))));
  }

  @Test
  void imageLayoutRoundTrips() throws Exception {
    Optional<ImageLayout> layout = benchmark().officialLayout();
    if (layout.isEmpty()) {
      return;
    }
    PromptSet set = load();
    Path root = tmp.resolve("layout");
    int samples = Math.max(1, benchmark().defaultSamples());
    List<Prompt> some = set.prompts().subList(0, Math.min(3, set.prompts().size()));
    for (Prompt p : some) {
      for (int s = 0; s < samples; s++) {
        layout.get().write(root, p, s, png(p.index() * 31 + s));
      }
    }
    for (Prompt p : some) {
      for (int s = 0; s < samples; s++) {
        Path f = layout.get().find(root, p, s).orElseThrow(() -> new AssertionError("written image not found"));
        assertArrayEquals(png(p.index() * 31 + s), Files.readAllBytes(f), p.id() + " sample " + s);
      }
      assertTrue(layout.get().find(root, p, samples + 5).isEmpty(), "an image never written is not found");
    }
  }

  @Test
  void unknownOptionsAreRefused() throws Exception {
    Benchmark b = benchmark();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.benchmark(b, Map.of("no-such-option", "1")));
    for (OptionSpec o : b.options()) {
      assertTrue(e.getMessage().contains(o.key()), "the error lists valid key " + o.key() + ": " + e.getMessage());
      assertTrue(o.matches(o.key()) || o.keyPattern() != null);
      if (o.type() == OptionSpec.Type.CHOICE) {
        assertThrows(IllegalArgumentException.class, () -> OptionCheck.benchmark(b, Map.of(o.key(), "no-such-value")),
            "a value outside the choices of " + o.key());
        // The default value is what load uses without the option.
        assertEquals(load().version(), b.load(demoData(), OptionCheck.benchmark(b, Map.of(o.key(), o.defaultChoice())))
            .version(), "option " + o.key() + "=" + o.defaultChoice() + " is the default");
      }
    }
  }

  @Test
  void importRefusesEmptyAndMalformedFiles() throws Exception {
    Optional<OfficialResultsImporter> importer = benchmark().officialResults();
    if (importer.isEmpty()) {
      return;
    }
    PromptSet set = load();
    List<Malformed> cases = new ArrayList<>(List.of(new Malformed("", 0, null),
        new Malformed("{this is not json\n", 1, null)));
    cases.addAll(malformedResults());
    assertTrue(cases.stream().anyMatch(c -> c.field() != null), "add a case with a bad field (malformedResults)");
    for (Malformed c : cases) {
      Path f = officialResults(c.content());
      try {
        importer.get().read(f, set);
        fail("accepted malformed official results: " + c);
      } catch (DataException e) {
        assertTrue(e.getMessage().contains(f.getFileName().toString()), "the error names the file: " + e.getMessage());
        if (c.line() > 0) {
          assertEquals(c.line(), e.line(), "the error names the line: " + e.getMessage());
        }
        if (c.field() != null) {
          assertEquals(c.field(), e.field(), "the error names the field: " + e.getMessage());
        }
      }
    }
  }

  /**
   * The checklist of docs/adding-a-benchmark.md where a test can check it, on the module's files (surefire runs in
   * the module's folder): the {@code <Id>Benchmark} Javadoc links every class the module's service files register;
   * every scorer it registers is described ({@link ScorerDescription}) with an id {@code <id>-...} and, for a
   * plumbing one, a description that says it is not a model (the engine writes it into every score); the module
   * has a loader fuzz test ({@link BenchmarkFuzzTest}) and its own {@code junit-platform.properties}; the reactor's
   * {@code <dependencyManagement>} names the module's artifact.
   */
  @Test
  void theModuleKeepsTheGuidesChecklist() throws Exception {
    if (!registeredAsService()) {
      return; // an in-memory fixture has no module of its own
    }
    Benchmark b = benchmark();
    Path module = Path.of("").toAbsolutePath();
    Path services = module.resolve("src/main/resources/META-INF/services");
    String javadoc = classJavadoc(module.resolve("src/main/java/" + b.getClass().getName().replace('.', '/')
        + ".java"), b.getClass().getSimpleName());
    List<String> registered = new ArrayList<>();
    try (var files = Files.list(services)) {
      for (Path f : files.sorted().toList()) {
        Files.readAllLines(f).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
            .forEach(registered::add);
      }
    }
    for (String cls : registered) {
      String simple = cls.substring(cls.lastIndexOf('.') + 1);
      if (!cls.equals(b.getClass().getName())) {
        assertTrue(javadoc.contains("{@link " + simple + "}"), b.getClass().getSimpleName() + "'s Javadoc does not"
            + " link " + simple + ", which META-INF/services registers (docs/adding-a-benchmark.md, section 1)");
      }
      Object plugin = Class.forName(cls, true, getClass().getClassLoader()).getDeclaredConstructor().newInstance();
      if (plugin instanceof ScorerProvider sp) {
        ScorerDescription d = sp.describe();
        assertTrue(d.id().startsWith(b.id() + "-"), cls + ": scorer id " + d.id() + " does not start with "
            + b.id() + "-");
        assertTrue(d.benchmarks().contains(b.id()), cls + " does not score " + b.id());
        if (d.kind() == ScorerDescription.Kind.PLUMBING) {
          assertTrue(d.description().contains("not a model"), cls + ": a plumbing scorer's description (the"
              + " plumbing_note of its scores) must say 'not a model': " + d.description());
        }
      }
    }
    try (var tests = Files.walk(module.resolve("src/test/java"))) {
      assertTrue(tests.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> read(f)
          .contains("extends BenchmarkFuzzTest")), "no loader fuzz test: a class extending BenchmarkFuzzTest");
    }
    assertTrue(Files.isRegularFile(module.resolve("src/test/resources/junit-platform.properties")),
        "src/test/resources/junit-platform.properties is missing (the module's own JUnit settings)");
    String artifact = read(module.resolve("pom.xml")).replaceAll("(?s).*?</parent>\\s*<artifactId>([^<]+)</artifactId>.*",
        "$1");
    String reactor = read(module.resolve("../../pom.xml"));
    String managed = reactor.substring(reactor.indexOf("<dependencyManagement>"),
        reactor.indexOf("</dependencyManagement>"));
    assertTrue(managed.contains("<artifactId>" + artifact + "</artifactId>"), artifact + " is not in the reactor"
        + " pom's <dependencyManagement>");
  }

  /** The Javadoc right above {@code class <simple>} in {@code source}. */
  private static String classJavadoc(Path source, String simple) throws IOException {
    String text = Files.readString(source);
    int decl = text.indexOf("class " + simple);
    int start = text.lastIndexOf("/**", decl);
    assertTrue(decl > 0 && start >= 0, source + " has no class Javadoc");
    return text.substring(start, text.indexOf("*/", start)).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  /** The demo prompt set with default options. */
  protected final PromptSet load() throws Exception {
    return benchmark().load(demoData(), OptionCheck.benchmark(benchmark(), Map.of()));
  }

  /** Every prompt x the official number of samples, each with a {@link #validScore}. */
  protected final List<ScoredSample> scoredRun(PromptSet set, Random rnd) {
    List<ScoredSample> out = new ArrayList<>();
    for (Prompt p : set.prompts()) {
      for (int s = 0; s < Math.max(1, benchmark().defaultSamples()); s++) {
        ScoreOutcome o = validScore(p, rnd);
        assertTrue(o.error() == null, "validScore must succeed");
        out.add(new ScoredSample(p, s, new ScoreRecord(new ScoreKey(set.benchmark(), p.id(), s, Variant.REFLECTION,
            "contract"), o.values(), o.detail(), o.raw(), null, 1)));
      }
    }
    return out;
  }

  private static void assertSame(VariantSummary expected, VariantSummary actual, String what) {
    assertEquals(expected.nPrompts(), actual.nPrompts(), what + ": nPrompts");
    assertEquals(expected.nImages(), actual.nImages(), what + ": nImages");
    assertEquals(expected.failures(), actual.failures(), what + ": failures");
    assertEquals(expected.categories().keySet(), actual.categories().keySet(), what + ": category keys");
    assertClose(expected.overall(), actual.overall(), what + ": overall");
    expected.categories().forEach((k, v) -> assertClose(v, actual.categories().get(k), what + ": category " + k));
  }

  private static void assertClose(Double a, Double b, String what) {
    if (a == null || b == null) {
      assertEquals(a, b, what);
    } else {
      assertEquals(a, b, 1e-12, what);
    }
  }

  private static byte[] png(int seed) throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    img.setRGB(seed % 4, (seed / 4) % 4, 0x010101 * (seed % 250 + 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
