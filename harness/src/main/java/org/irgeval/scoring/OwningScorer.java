package org.irgeval.scoring;

import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScoringInput;

/**
 * A scorer together with a resource it owns (a plumbing judge, a model), closed with it.
 *
 * @param inner    the scorer
 * @param resource closed after {@code inner}
 */
public record OwningScorer(Scorer inner, AutoCloseable resource) implements Scorer {
  @Override
  public String fingerprint() {
    return inner.fingerprint();
  }

  @Override
  public int concurrency() {
    return inner.concurrency();
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    return inner.score(input);
  }

  @Override
  public void close() throws Exception {
    try {
      inner.close();
    } finally {
      resource.close();
    }
  }
}
