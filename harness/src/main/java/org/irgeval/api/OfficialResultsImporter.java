package org.irgeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the score files written by a benchmark's official scripts. */
public interface OfficialResultsImporter {
  /**
   * Turns an official results file or directory into scored samples (variant {@link Variant#IMPORTED}).
   * Malformed input is a {@link DataException} naming file, line and field.
   */
  List<ScoredSample> read(Path officialResults, PromptSet prompts) throws DataException, IOException;

  /**
   * A prompt set made from the official results themselves, for when the official prompt files are not at
   * hand (the official aggregation scripts need only their results, so an import should not need more).
   * It lists only what the results name, has no data files, and says so in its version. Empty when this
   * benchmark cannot aggregate without its prompt files.
   *
   * @param options the benchmark options ({@code --bench-opt}), e.g. which version the results are from
   */
  default Optional<PromptSet> promptsFromResults(Path officialResults, Map<String, String> options)
      throws DataException, IOException {
    return Optional.empty();
  }
}
