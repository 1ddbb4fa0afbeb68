package org.irgeval.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.RunStore;
import org.irgeval.store.record.Manifest;
import org.irgeval.store.record.Summary;
import org.irgeval.util.Hashing;

/**
 * {@code irg-eval import}: the score files of a benchmark's official scripts as a run directory of their own with
 * one variant, {@code imported}, aggregated by our port of the official rules (so both can be compared).
 */
final class OfficialImport {
  /** Scorer id of imported score lines. */
  static final String SCORER = "official-import";

  private final Registry registry;
  private final PrintWriter err;

  OfficialImport(Registry registry, PrintWriter err) {
    this.registry = registry;
    this.err = err;
  }

  RunService.ImportOutcome write(RunService.ImportRequest r) throws Exception {
    Benchmark b = registry.benchmark(r.benchmark()).orElseThrow(() -> new IllegalArgumentException(
        "unknown benchmark '" + r.benchmark() + "' (known: " + registry.benchmarks().stream().map(Benchmark::id).toList()
            + ")"));
    OfficialResultsImporter importer = b.officialResults().orElseThrow(() -> new IllegalArgumentException(
        r.benchmark() + " has no importer of official results"));
    OptionCheck.benchmarkPrefixes(List.of(b.id()), r.benchOptions());
    Map<String, String> options = OptionCheck.benchmark(b, r.benchOptions().getOrDefault(b.id(), Map.of()));
    PromptSet set = promptSet(b, importer, options, r);
    List<ScoredSample> samples = importer.read(r.results(), set);
    checkRanges(b, samples, r.results());
    String resultsHash = resultsHash(r.results());
    refuseForeignRun(r.out(), b.id(), resultsHash);
    try (RunStore store = RunStore.open(r.out())) {
      store.writePromptSet(set);
      for (ScoredSample s : samples) {
        ScoreRecord sr = s.score();
        store.putScore(new ScoreRecord(new ScoreKey(b.id(), s.prompt().id(), s.sample(), Variant.IMPORTED, SCORER),
            sr.values(), sr.detail(), sr.raw(), sr.error(), sr.millis()));
      }
      int maxSample = samples.stream().mapToInt(ScoredSample::sample).max().orElse(0);
      BenchmarkRun run = new BenchmarkRun(b, set, maxSample + 1, SCORER, null, false, null);
      SummaryBuilder sb = new SummaryBuilder(StratifiedBootstrap.standard());
      Map<String, Summary.VariantEntry> variants = new LinkedHashMap<>();
      SummaryBuilder.byVariant(run, store.scores()).forEach((v, list) -> variants.put(v, sb.variant(run, list)));
      String name = r.out().getFileName().toString();
      Summary summary = new Summary(name, null, null, Map.of(b.id(), new Summary.BenchmarkSummary(b.title(),
          set.version(), SCORER, null, null, Summary.BenchmarkSummary.SCORED, null, variants, null)), null, null, null,
          null, null);
      store.writeSummary(summary);
      Map<String, Manifest.DataFile> files = new LinkedHashMap<>();
      set.files().forEach(f -> files.put(f.path(), new Manifest.DataFile(f.sha256(), f.bytes())));
      store.writeManifest(Manifest.ofImport(name, Instant.now().toString(), Manifest.Harness.current(),
          new Manifest.ImportFacts(b.id(), r.results().toAbsolutePath().toString(), resultsHash, set.version()),
          Map.of(b.id(), files)));
      return new RunService.ImportOutcome(r.out(), b.id(), samples.size(), summary, null);
    }
  }

  /**
   * The official prompt files when the data folder has them (hashed into the manifest); otherwise, when no
   * --data was named, the prompts the results themselves name (the official aggregation scripts need no more).
   */
  private PromptSet promptSet(Benchmark b, OfficialResultsImporter importer, Map<String, String> options,
                              RunService.ImportRequest r) throws Exception {
    if (r.promptsFromResults()) {
      return importer.promptsFromResults(r.results(), options).orElseThrow(() -> new IllegalArgumentException(
          b.id() + " cannot aggregate without its prompt files (--prompts-from-results)"));
    }
    if (!r.dataNamed() && !Files.isDirectory(r.dataDir().resolve(b.id()))) {
      Optional<PromptSet> own = importer.promptsFromResults(r.results(), options);
      if (own.isPresent()) {
        err.println("import: no official prompt files under " + r.dataDir().resolve(b.id())
            + "; aggregating with the prompts named in the results (pass --data DIR to check them against the"
            + " official files)");
        return own.get();
      }
    }
    return b.load(r.dataDir(), options);
  }

  /**
   * An import writes a run of its own: it never touches a run made by {@code run} (whose manifest, summary and
   * configuration check it would replace), nor an import of other results. The same import again is allowed.
   */
  private static void refuseForeignRun(Path out, String benchmarkId, String resultsHash) throws IOException {
    if (!RunStore.isRun(out)) {
      return;
    }
    Manifest m = Files.isRegularFile(out.resolve(RunStore.MANIFEST)) ? RunStore.readManifestOf(out) : null;
    boolean imported = m != null && m.isImport();
    boolean same = imported && m.importFacts() != null && benchmarkId.equals(m.importFacts().benchmark())
        && resultsHash.equals(m.importFacts().sha256());
    if (!same) {
      throw new IllegalArgumentException(out + " already holds " + (imported ? "an import of other results" : "a run")
          + "; import into a new --out (an import never changes a run)");
    }
  }

  /** SHA-256 of the official results: of the file, or of every file's relative path and hash for a folder. */
  static String resultsHash(Path results) throws IOException {
    if (Files.isRegularFile(results)) {
      return Hashing.sha256(results);
    }
    StringBuilder sb = new StringBuilder();
    try (var s = Files.walk(results)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        sb.append(results.relativize(f).toString().replace('\\', '/')).append(' ').append(Hashing.sha256(f))
            .append('\n');
      }
    }
    return Hashing.sha256(sb.toString());
  }

  /**
   * The one place imported values are checked against the benchmark's declared ranges ({@code Benchmark.valueRange}):
   * an official file with a GenAI-Bench score of 5 or a OneIG cosine of 57 is refused, naming the file, the line (when
   * the importer records it) and the field, before anything is stored.
   */
  private static void checkRanges(Benchmark b, List<ScoredSample> samples, Path results) throws DataException {
    for (ScoredSample s : samples) {
      for (var e : s.score().values().entrySet()) {
        var range = b.valueRange(e.getKey());
        if (e.getValue() != null && range.isPresent() && !range.get().contains(e.getValue())) {
          var d = s.score().detail();
          String file = d != null && d.hasNonNull("file") ? d.get("file").asText() : results.toString();
          long line = d != null && d.path("line").canConvertToLong() && d.path("line").asLong() > 0
              ? d.path("line").asLong() : 0;
          throw new DataException(file, line, e.getKey(), "value " + e.getValue() + " of prompt "
              + s.prompt().id() + " sample " + s.sample() + " is outside " + range.get() + ", the range " + b.id()
              + " declares for it", null);
        }
      }
    }
  }
}
