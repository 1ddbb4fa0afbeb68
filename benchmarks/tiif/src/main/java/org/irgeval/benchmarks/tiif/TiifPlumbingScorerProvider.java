package org.irgeval.benchmarks.tiif;

import java.util.List;
import java.util.Set;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.OwningScorer;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code tiif-plumbing}: the embedded demo's TIIF scorer: the official TIIF judge protocol against a
 * {@link PlumbingJudge} whose {@link TiifPlumbingAnswerer} reads the reference pipeline's drawings back. Every score
 * it writes is labelled as plumbing.
 */
public final class TiifPlumbingScorerProvider implements ScorerProvider {
  @Override
  public String id() {
    return "tiif-plumbing";
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(TiifBenchmark.ID);
  }

  @Override
  public String description() {
    return "plumbing check: official TIIF protocol against a loopback judge that reads the reference drawings"
        + " (not a model)";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public List<OptionSpec> options() {
    return TiifJudgeScorerProvider.judgeOptions();
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    PlumbingJudge judge = PlumbingJudge.start(new TiifPlumbingAnswerer(TiifTemplates.load(context.dataDir())),
        context.cacheDir().resolve("plumbing-judge"));
    try {
      return new OwningScorer(TiifJudgeScorerProvider.open(context, judge.open(TiifJudgeScorerProvider.DEFAULT_MODEL),
          PlumbingJudge.NOTICE), judge);
    } catch (Exception e) {
      judge.close();
      throw e;
    }
  }
}
