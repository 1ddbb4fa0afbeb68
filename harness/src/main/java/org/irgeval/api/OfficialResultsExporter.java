package org.irgeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one variant's scores in the format a benchmark's official scripts write (the counterpart of
 * {@link OfficialResultsImporter}), so the official aggregator can be run on them and its numbers diffed with ours.
 * Every adapter's {@code <Id>ResultsExporter} implements it; {@link Benchmark#officialExporter()} hands it out.
 */
public interface OfficialResultsExporter {
  /**
   * Writes the official per-image results of {@code samples} into {@code dir}; failed scorings have no official
   * record and are left out (or written as the official scripts write a failure).
   *
   * @param prompts the prompt set scored (its version says which official format, e.g. WISE legacy or verified)
   */
  void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException;
}
