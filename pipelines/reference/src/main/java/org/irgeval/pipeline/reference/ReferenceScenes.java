package org.irgeval.pipeline.reference;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;

/**
 * Optional hook of a {@link org.irgeval.api.Benchmark}: turns its prompts into the reference pipeline's
 * {@link SceneHints}, so the CPU stand-in can draw them (and its reflection can check its drawing against
 * them). Only benchmarks whose official records say what a scene holds implement it; for the others the
 * reference pipeline draws an empty scene and its reflection has nothing to check.
 */
public interface ReferenceScenes {
  /**
   * The hints of every prompt of this benchmark, read once per run (e.g. after loading a class list).
   *
   * @param dataDir the run's data root
   */
  Function<Prompt, SceneHints> sceneHints(Path dataDir) throws DataException;

  /** The hints of one benchmark's prompts, by benchmark id. */
  @FunctionalInterface
  interface Lookup {
    Function<Prompt, SceneHints> hintsOf(String benchmark) throws DataException;
  }

  /**
   * Hints from the registered benchmarks that implement this hook; none ({@link SceneHints#NONE}) for the others.
   *
   * @param benchmarks the registered benchmark of an id
   * @param dataDir    the run's data root
   */
  static Lookup lookup(Function<String, Optional<Benchmark>> benchmarks, Path dataDir) {
    return id -> {
      Optional<Benchmark> b = benchmarks.apply(id);
      return b.isPresent() && b.get() instanceof ReferenceScenes r ? r.sceneHints(dataDir) : p -> SceneHints.NONE;
    };
  }
}
