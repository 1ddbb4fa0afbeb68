package org.irgeval.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the score files written by a benchmark's official scripts. */
public interface OfficialResultsImporter {
  /**
   * Turns an official results file or directory into scored samples (variant {@link Variant#IMPORTED}).
   * Malformed input is a {@link DataException} naming file, line and field.
   */
  List<ScoredSample> read(Path officialResults, PromptSet prompts) throws DataException, IOException;
}
