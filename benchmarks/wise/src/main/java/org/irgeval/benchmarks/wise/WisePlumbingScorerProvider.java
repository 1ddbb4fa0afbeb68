package org.irgeval.benchmarks.wise;

import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code wise-plumbing}: the embedded demo's WISE scorer: the official WISE protocol against a
 * {@link PlumbingJudge} whose {@link WisePlumbingAnswerer} replies in the official format with scores from a hash
 * of the image bytes. The engine labels every score it writes as plumbing.
 */
public final class WisePlumbingScorerProvider implements ScorerProvider {
  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("wise-plumbing", WiseBenchmark.ID, ScorerDescription.Kind.PLUMBING,
        "plumbing check: official WISE protocol against a loopback judge that scores by image hash (not a model)")
        .concurrency(WiseJudgeScorerProvider.DEFAULT_CONCURRENCY);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    WiseVersion version = WiseVersion.ofPromptSet(context.prompts().version());
    WiseTemplates templates = WiseTemplates.load(context.dataDir(), version);
    return PlumbingJudge.openScorer(context, new WisePlumbingAnswerer(version),
        judge -> new WiseJudgeScorer(version, judge, templates, context.concurrency()));
  }
}
