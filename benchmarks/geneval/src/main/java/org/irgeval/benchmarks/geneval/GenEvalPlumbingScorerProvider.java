package org.irgeval.benchmarks.geneval;

import java.util.List;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.benchmarks.geneval.scoring.GenEvalScorer;
import org.irgeval.benchmarks.geneval.scoring.MeanColorClassifier;
import org.irgeval.benchmarks.geneval.scoring.ModelBackend;
import org.irgeval.benchmarks.geneval.scoring.ReferenceDetector;
import org.irgeval.benchmarks.geneval.scoring.ScorerSetup;

/**
 * {@code geneval-plumbing}: the official rules on what the reference renderer drew (scene reader + palette
 * colours). A plumbing check of the whole path, never a model's score; the engine labels its scores.
 */
public final class GenEvalPlumbingScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-plumbing";

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenEvalBenchmark.ID, ScorerDescription.Kind.PLUMBING,
        "GenEval rules on reference-pipeline drawings (scene reader + palette colours); plumbing only, not a model")
        .concurrency(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  @Override
  public List<OptionSpec> options() {
    return ScorerSetup.options();
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    ClassNames classes = ScorerSetup.classNames(context);
    return new GenEvalScorer(ID, ScorerSetup.engine(context), classes,
        new ModelBackend(new ReferenceDetector(classes.names().size()), new MeanColorClassifier()),
        context.concurrency());
  }
}
