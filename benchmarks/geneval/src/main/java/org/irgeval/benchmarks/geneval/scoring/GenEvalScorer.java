package org.irgeval.benchmarks.geneval.scoring;

import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.ResultLine;
import org.irgeval.benchmarks.geneval.SpecParser;
import org.irgeval.benchmarks.geneval.GenEvalAggregator;
import org.irgeval.benchmarks.geneval.rules.RuleEngine;
import org.irgeval.benchmarks.geneval.rules.Spec;
import org.irgeval.benchmarks.geneval.rules.Verdict;
import org.irgeval.util.Hashing;

/**
 * Scores one image: back end observation, then the official rules. The outcome's value is {"correct": 1 or 0}
 * and its detail is the official results.jsonl line ({@link ResultLine}).
 */
public final class GenEvalScorer implements Scorer {
  private final String name;
  private final RuleEngine engine;
  private final ClassNames classes;
  private final Backend backend;
  private final int concurrency;

  public GenEvalScorer(String name, RuleEngine engine, ClassNames classes, Backend backend, int concurrency) {
    this.name = name;
    this.engine = engine;
    this.classes = classes;
    this.backend = backend;
    this.concurrency = concurrency;
  }

  @Override
  public String fingerprint() {
    return name + "|rules{" + engine.config().fingerprint() + "}|classes="
        + Hashing.sha256(String.join("\n", classes.names())).substring(0, 16) + "|"
        + backend.fingerprint();
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    Spec spec;
    try {
      spec = new SpecParser(classes, "geneval prompt " + input.prompt().id() + " metadata", null)
          .parse(input.prompt().metadata(), 0);
    } catch (DataException e) {
      return ScoreOutcome.failure(e.getMessage(), null, null); // bad metadata never gets better on a rerun
    }
    Verdict v;
    try {
      Observation seen = backend.observe(input);
      v = engine.score(spec, classes.names(), seen.raw(), seen.colors());
    } catch (MissingObservationException e) {
      return ScoreOutcome.failure(e.getMessage(), null, null);
    }
    return ScoreOutcome.of(Map.of(GenEvalAggregator.CORRECT, v.correct() ? 1.0 : 0.0),
        ResultLine.of(ResultLine.filename(input.prompt(), input.sample()), input.prompt(), v), null);
  }

  @Override
  public void close() {
    backend.close();
  }
}
