package org.irgeval.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Variant;
import org.irgeval.run.BenchmarkRun;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import org.irgeval.run.SummaryBuilder;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.RunStore;
import org.irgeval.util.BuildInfo;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code irg-eval import}: turns the score files of a benchmark's official scripts into a run directory with
 * one variant, {@code imported}, aggregated by our port of the official rules (so both can be compared).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Aggregate the outputs of a benchmark's official scoring scripts into RUN/summary.json (variant 'imported').")
public final class ImportCommand implements Callable<Integer> {
  /** Scorer id of imported score lines. */
  static final String SCORER = "official-import";

  @Option(names = "--benchmark", required = true, description = "Benchmark id.")
  String benchmark;

  @Option(names = "--official-results", required = true, paramLabel = "PATH",
      description = "The official output file or folder (e.g. GenEval results.jsonl, WISE *_scores.jsonl folder).")
  Path results;

  @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory to write.")
  Path out;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--bench-opt", paramLabel = "BENCH.KEY=VALUE", description = "Benchmark option (e.g. wise.version=verified).")
  List<String> benchOptions;

  @Option(names = "--prompts-from-results", description = "Aggregate with the prompts the results name, as the official"
      + " aggregation scripts do, even when a data folder with the official prompt files is at hand.")
  boolean promptsFromResults;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /**
   * The official prompt files when the data folder has them (hashed into the manifest); otherwise, when no
   * --data was named, the prompts the results themselves name (the official aggregation scripts need no more).
   */
  private PromptSet promptSet(Benchmark b, OfficialResultsImporter importer, Map<String, String> options)
      throws Exception {
    Path dir = data.resolve();
    if (promptsFromResults) {
      return importer.promptsFromResults(results, options).orElseThrow(() -> new IllegalArgumentException(
          b.id() + " cannot aggregate without its prompt files (--prompts-from-results)"));
    }
    if (data.data == null && !Files.isDirectory(dir.resolve(b.id()))) {
      Optional<PromptSet> own = importer.promptsFromResults(results, options);
      if (own.isPresent()) {
        spec.commandLine().getErr().println("import: no official prompt files under " + dir.resolve(b.id())
            + "; aggregating with the prompts named in the results (pass --data DIR to check them against the"
            + " official files)");
        return own.get();
      }
    }
    return b.load(dir, options);
  }

  /**
   * An import writes a run of its own: it never touches a run made by {@code run} (whose manifest, summary and
   * configuration check it would replace), nor an import of other results. The same import again is allowed.
   */
  private void refuseForeignRun(String benchmarkId, String resultsHash) throws IOException {
    if (!RunStore.isRun(out)) {
      return;
    }
    ObjectNode m = Files.isRegularFile(out.resolve(RunStore.MANIFEST))
        ? (ObjectNode) Json.mapper().readTree(out.resolve(RunStore.MANIFEST).toFile()) : null;
    boolean same = m != null && "import".equals(m.path("kind").asText())
        && benchmarkId.equals(m.path("import").path("benchmark").asText())
        && resultsHash.equals(m.path("import").path("sha256").asText());
    if (!same) {
      throw new IllegalArgumentException(out + " already holds " + (m != null && "import".equals(m.path("kind").asText())
          ? "an import of other results" : "a run") + "; import into a new --out (an import never changes a run)");
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

  @Override
  public Integer call() throws Exception {
    OutFolder.check("--out", out);
    Registry registry = Registry.discover();
    Benchmark b = registry.benchmark(benchmark).orElseThrow(() -> new IllegalArgumentException(
        "unknown benchmark '" + benchmark + "' (known: " + registry.benchmarks().stream().map(Benchmark::id).toList() + ")"));
    OfficialResultsImporter importer = b.officialResults().orElseThrow(() -> new IllegalArgumentException(
        benchmark + " has no importer of official results"));
    var given = KeyValues.byPrefix(benchOptions, "--bench-opt");
    OptionCheck.benchmarkPrefixes(List.of(b.id()), given);
    var options = OptionCheck.benchmark(b, given.getOrDefault(benchmark, Map.of()));
    PromptSet set = promptSet(b, importer, options);
    List<ScoredSample> samples = importer.read(results, set);
    checkRanges(b, samples);
    ObjectMapper mapper = Json.mapper();
    String resultsHash = resultsHash(results);
    refuseForeignRun(b.id(), resultsHash);
    try (RunStore store = RunStore.open(out)) {
      store.writePromptSet(set);
      for (ScoredSample s : samples) {
        ScoreRecord r = s.score();
        store.putScore(new ScoreRecord(new ScoreKey(b.id(), s.prompt().id(), s.sample(), Variant.IMPORTED, SCORER),
            r.values(), r.detail(), r.raw(), r.error(), r.millis()));
      }
      int maxSample = samples.stream().mapToInt(ScoredSample::sample).max().orElse(0);
      BenchmarkRun run = new BenchmarkRun(b, set, maxSample + 1, SCORER, null, false, null);
      SummaryBuilder sb = new SummaryBuilder(StratifiedBootstrap.standard());
      ObjectNode summary = mapper.createObjectNode();
      summary.put("run", out.getFileName().toString());
      ObjectNode e = summary.putObject("benchmarks").putObject(b.id());
      e.put("title", b.title());
      e.put("prompt_version", set.version());
      e.put("scorer", SCORER);
      e.put("status", "scored");
      ObjectNode vs = e.putObject("variants");
      SummaryBuilder.byVariant(run, store.scores()).forEach((v, list) -> vs.set(v, sb.variant(run, list)));
      store.writeJson(RunStore.SUMMARY, summary);
      ObjectNode man = mapper.createObjectNode();
      man.put("run", out.getFileName().toString());
      man.put("created", Instant.now().toString());
      man.put("kind", "import");
      man.putObject("harness").put("version", BuildInfo.version()).put("git_commit", BuildInfo.gitCommit());
      man.putObject("import").put("benchmark", b.id()).put("official_results", results.toAbsolutePath().toString())
          .put("sha256", resultsHash)
          .put("prompt_version", set.version());
      ObjectNode files = man.putObject("data_files").putObject(b.id());
      set.files().forEach(f -> files.putObject(f.path()).put("sha256", f.sha256()).put("bytes", f.bytes()));
      store.writeJson(RunStore.MANIFEST, man);
      new Reports().afterRun(out);
      spec.commandLine().getOut().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }
    return ExitCodes.OK;
  }

  /**
   * The one place imported values are checked against the benchmark's declared ranges ({@code Benchmark.valueRange}):
   * an official file with a GenAI-Bench score of 5 or a OneIG cosine of 57 is refused, naming the file, the line (when
   * the importer records it) and the field, before anything is stored.
   */
  private void checkRanges(Benchmark b, List<ScoredSample> samples) throws DataException {
    for (ScoredSample s : samples) {
      for (var e : s.score().values().entrySet()) {
        var r = b.valueRange(e.getKey());
        if (e.getValue() != null && r.isPresent() && !r.get().contains(e.getValue())) {
          var d = s.score().detail();
          String file = d != null && d.hasNonNull("file") ? d.get("file").asText() : results.toString();
          long line = d != null && d.path("line").canConvertToLong() && d.path("line").asLong() > 0
              ? d.path("line").asLong() : 0;
          throw new DataException(file, line, e.getKey(), "value " + e.getValue() + " of prompt "
              + s.prompt().id() + " sample " + s.sample() + " is outside " + r.get() + ", the range " + b.id()
              + " declares for it", null);
        }
      }
    }
  }
}
