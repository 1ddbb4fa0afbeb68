package org.irgeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A benchmark adapter: everything about one benchmark (official files, generation defaults, official
 * aggregation, paper table). Registered in {@code META-INF/services/org.irgeval.api.Benchmark}; the harness
 * never names a benchmark.
 *
 * <p>How to write one: {@code docs/adding-a-benchmark.md} (files, names, options, citations, demo samples,
 * checklist). A worked toy example is {@code org.irgeval.testkit.ToyBenchmark} in the harness test-jar
 * ({@code pipelines/reference/src/test/java/org/irgeval/testkit/ToyBenchmark.java}), and every adapter's tests extend the
 * contract kit {@code org.irgeval.testkit.BenchmarkContract} next to it.
 */
public interface Benchmark {
  /** Short id used on the command line and in run directories (e.g. "my-bench"). */
  String id();

  /** Display name. */
  String title();

  /** Where users get the official files (printed in data errors). */
  String officialSource();

  /**
   * Loads the official prompt files from {@code dataDir/<id()>/} in the official layout.
   *
   * @param dataDir the data root (one folder per benchmark)
   * @param options benchmark options from the command line ({@code --bench-opt <id>.<key>=<value>}, key
   *                without the prefix), e.g. a version or prompt-file choice; already checked against
   *                {@link #options()} by the harness (absent keys take their defaults)
   */
  PromptSet load(Path dataDir, Map<String, String> options) throws DataException;

  /**
   * The options {@link #load} understands. The harness refuses any other key, and any value the declaration
   * does not allow, before {@link #load} is called ({@code run}, {@code score}, {@code import},
   * {@code data check}).
   */
  default List<OptionSpec> options() {
    return List.of();
  }

  /**
   * The official files {@link #load} reads with these options, where their public source publishes them (pinned
   * URL, size, SHA-256), for {@code irg-eval data fetch}: exactly the files of the layout {@link #load} reads, so a
   * fetch followed by a load needs nothing else. Empty (the default) when the files cannot be downloaded as they are.
   * {@link PublicFile#listed} reads such a list from a table shipped beside the adapter.
   *
   * @param options checked as for {@link #load} (absent keys take their defaults)
   */
  default List<PublicFile> publicFiles(Map<String, String> options) {
    return List.of();
  }

  /**
   * Facts about a loaded set that {@code data check} prints beside the prompt and category counts, in the
   * benchmark's own terms (e.g. prompt lines when each line gives several prompts, or question counts).
   */
  default Map<String, Object> dataFacts(PromptSet prompts) {
    return Map.of();
  }

  /**
   * The range a per-image value named {@code name} (a key of {@link ScoreRecord#values()}) must lie in, or empty for
   * a value that is not checked. Checked where each value is made (a scorer's value outside is a counted failure) and
   * imported (an error naming file, line and field); see {@link ValueRange}.
   */
  default Optional<ValueRange> valueRange(String name) {
    return Optional.empty();
  }

  /**
   * How many prompts {@link #load} gives with these options, as the official files have them, so a plan
   * ({@code run --dry-run}) can be printed before the data is fetched. Empty (the default) when not known.
   */
  default java.util.OptionalInt officialPromptCount(Map<String, String> options) {
    return java.util.OptionalInt.empty();
  }

  /** Images per prompt of the official protocol (e.g. 4 or 1). */
  int defaultSamples();

  /**
   * The official aggregation of one variant's scores, e.g. a mean of per-category accuracies.
   * Samples whose score failed are passed too (with {@link ScoreRecord#error()} set) and must be counted
   * in {@link VariantSummary#failures()}, never folded into a mean. Read a sample's prompt id and category
   * from {@link ScoredSample#prompt()}, never from its score key: the bootstrap re-labels resampled scores
   * with the prompt slot they stand in for. Must be a pure function (it is called ~1000 times per CI).
   */
  VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples);

  /**
   * One image's score on the benchmark's own scale, for per-prompt views: flips between two runs or variants
   * (right to wrong), McNemar tests, the image browser. Empty (the default) when a single image has no meaningful
   * score of its own; comparisons then use the official aggregation only.
   */
  default OptionalDouble imageScore(ScoreRecord score) {
    return OptionalDouble.empty();
  }

  /**
   * The judge's individual answers about one image (e.g. one "yes"/"no" per question), in a stable order, for the
   * agreement of two judges on the same images (Cohen's kappa). Default: the image score when it is binary.
   */
  default List<String> judgements(ScoreRecord score) {
    if (binaryImageScore()) {
      OptionalDouble v = imageScore(score);
      return v.isPresent() ? List.of(v.getAsDouble() >= 0.5 ? "right" : "wrong") : List.of();
    }
    return List.of();
  }

  /**
   * What the scorer saw and said about one image, for the image browser (why a prompt flipped): e.g. each question
   * with the judge's answer, the detections and the rule's verdict, the judge's reply with its sub-scores. Read
   * from what the score record stored; empty (the default) when the benchmark explains nothing.
   */
  default List<Explanation> explain(ScoreRecord score) {
    return List.of();
  }

  /** True when every {@link #imageScore} is 0 or 1 (right or wrong), so paired outcomes take McNemar's test. */
  default boolean binaryImageScore() {
    return false;
  }

  /**
   * The top of the overall's scale: 1 for scores on 0-1, 100 for a benchmark reported in percent. A regression
   * margin given as a fraction ({@code compare --max-drop 0.01}) is multiplied by it.
   */
  default double fullScale() {
    return 1;
  }

  /** The paper's table layout for this benchmark. */
  PaperTable paperTable();

  /** The official image layout, so images can be exported for / imported from the official scripts. */
  default Optional<ImageLayout> officialLayout() {
    return Optional.empty();
  }

  /**
   * Writes our scores in the official scripts' per-image output format ({@code <Id>ResultsExporter}). Empty when the
   * benchmark's official output has no per-image file.
   */
  default Optional<OfficialResultsExporter> officialExporter() {
    return Optional.empty();
  }

  /**
   * Writes one variant's scores in the official scripts' output format (e.g. a results file) into
   * {@code dir} with {@link #officialExporter()}, so they can be diffed against the official scripts run on the
   * exported images; nothing without an exporter. Not meant to be overridden.
   */
  default void writeOfficialResults(Path dir, PromptSet prompts, List<ScoredSample> samples)
      throws IOException {
    Optional<OfficialResultsExporter> e = officialExporter();
    if (e.isPresent()) {
      e.get().write(dir, prompts, samples);
    }
  }

  /** Reads the official scripts' score files into our scores (for {@code irg-eval import}). */
  default Optional<OfficialResultsImporter> officialResults() {
    return Optional.empty();
  }
}
