package org.irgeval.benchmarks.geneval.scoring;

import java.util.List;
import java.util.Set;
import org.irgeval.api.OptionSpec;

import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;

/**
 * {@code geneval-plumbing}: the official rules on what the reference renderer drew (scene reader + palette
 * colours). A plumbing check of the whole path, never a model's score.
 */
public final class GenEvalPlumbingScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-plumbing";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(GenEvalBenchmark.ID);
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
  public List<OptionSpec> options() {
    return ScorerSetup.options();
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    ClassNames classes = ScorerSetup.classNames(context);
    return new GenEvalScorer(ID, ScorerSetup.engine(context), classes,
        new ModelBackend(new ReferenceDetector(classes.names().size()), new MeanColorClassifier()),
        context.concurrency(Math.max(1, Runtime.getRuntime().availableProcessors())));
  }
}
