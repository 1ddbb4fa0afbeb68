package org.irgeval.benchmarks.geneval.scoring;

import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;

/**
 * {@code geneval-plumbing}: the official rules on what the reference renderer drew (scene reader + palette
 * colours). A plumbing check of the whole path, never a model's score.
 */
public final class PlumbingScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-plumbing";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String benchmark() {
    return GenEvalBenchmark.ID;
  }

  @Override
  public String description() {
    return "GenEval rules on reference-pipeline drawings (scene reader + palette colours); plumbing only";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    ClassNames classes = ScorerOptions.classNames(context);
    return new GenEvalScorer(ID, ScorerOptions.engine(context), classes,
        new ModelBackend(new ReferenceDetector(classes.names().size()), new MeanColorClassifier()),
        ScorerOptions.concurrency(context, Math.max(1, Runtime.getRuntime().availableProcessors())));
  }
}
