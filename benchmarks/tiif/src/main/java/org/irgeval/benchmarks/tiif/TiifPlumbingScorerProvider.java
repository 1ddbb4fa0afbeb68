package org.irgeval.benchmarks.tiif;

import java.util.List;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code tiif-plumbing}: the embedded demo's TIIF scorer: the official TIIF judge protocol against a
 * {@link PlumbingJudge} whose {@link TiifPlumbingAnswerer} reads the reference pipeline's drawings back. The engine
 * labels every score it writes as plumbing.
 */
public final class TiifPlumbingScorerProvider implements ScorerProvider {
  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("tiif-plumbing", TiifBenchmark.ID, ScorerDescription.Kind.PLUMBING,
        "plumbing check: official TIIF protocol against a loopback judge that reads the reference drawings"
            + " (not a model)").concurrency(TiifJudgeScorerProvider.DEFAULT_CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return TiifJudgeScorerProvider.judgeOptions();
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    return PlumbingJudge.openScorer(context, new TiifPlumbingAnswerer(TiifTemplates.load(context.dataDir())),
        judge -> TiifJudgeScorerProvider.open(context, judge));
  }
}
