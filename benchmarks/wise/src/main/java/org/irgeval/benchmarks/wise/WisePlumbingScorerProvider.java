package org.irgeval.benchmarks.wise;

import java.util.Set;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.OwningScorer;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code wise-plumbing}: the embedded demo's WISE scorer: the official WISE protocol against a
 * {@link PlumbingJudge} whose {@link WisePlumbingAnswerer} replies in the official format with scores from a hash
 * of the image bytes. Every score it writes is labelled as plumbing.
 */
public final class WisePlumbingScorerProvider implements ScorerProvider {
  @Override
  public String id() {
    return "wise-plumbing";
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(WiseBenchmark.ID);
  }

  @Override
  public String description() {
    return "plumbing check: official WISE protocol against a loopback judge that scores by image hash"
        + " (not a model)";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    WiseVersion version = WiseVersion.ofPromptSet(context.prompts().version());
    WiseTemplates templates = WiseTemplates.load(context.dataDir(), version);
    PlumbingJudge judge = PlumbingJudge.start(new WisePlumbingAnswerer(version), context.cacheDir().resolve("plumbing-judge"));
    return new OwningScorer(new WiseJudgeScorer(version, judge.open(version.defaultJudgeModel()), templates,
        context.concurrency(WiseJudgeScorerProvider.DEFAULT_CONCURRENCY), PlumbingJudge.NOTICE), judge);
  }
}
