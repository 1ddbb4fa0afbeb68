package org.irgeval.benchmarks.geneval;

import java.nio.file.Path;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.testkit.OfficialData;

/** The official GenEval files through {@link OfficialData} (the test is skipped when they are absent). */
public final class GenEvalTestData {
  private GenEvalTestData() {}

  public static Path root() {
    return OfficialData.root(GenEvalPromptLoader.DIR);
  }

  public static PromptSet original() throws DataException {
    return new GenEvalBenchmark().load(root(), Map.of());
  }

  /** The reference pipeline's hints of an official prompt (what the plumbing tests draw). */
  public static SceneHints hints(Prompt p) {
    try {
      return GenEvalPromptLoader.sceneHints(root()).apply(p);
    } catch (DataException e) {
      throw new IllegalStateException(e);
    }
  }
}
