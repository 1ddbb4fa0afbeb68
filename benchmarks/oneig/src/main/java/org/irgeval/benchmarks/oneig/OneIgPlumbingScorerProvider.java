package org.irgeval.benchmarks.oneig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code oneig-plumbing}: the embedded demo's OneIG scorer. Alignment and text run the official judge protocol against
 * a {@link PlumbingJudge} whose {@link OneIgPlumbingAnswerer} reads the reference pipeline's drawings back (so the
 * reflection's fixes show in alignment); reasoning, style and diversity are {@link OneIgPlumbingParts} values derived
 * from the image. The engine labels every score it writes as plumbing.
 */
public final class OneIgPlumbingScorerProvider implements ScorerProvider {
  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("oneig-plumbing", OneIgBenchmark.ID, ScorerDescription.Kind.PLUMBING,
        "plumbing check: official OneIG judge protocol against a loopback judge reading the reference drawings;"
            + " reasoning, style and diversity are values derived from the image's pixels (not a model)")
        .concurrency(OneIgJudgeScorerProvider.DEFAULT_CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OneIgJudgeScorerProvider.ATTEMPTS_OPTION);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    Map<String, OneIgPart> more = new LinkedHashMap<>();
    more.put(OneIgAggregator.REASONING, OneIgPlumbingParts.reasoning());
    more.put(OneIgAggregator.STYLE, OneIgPlumbingParts.style());
    more.put(OneIgAggregator.DIVERSITY, OneIgPlumbingParts.diversity());
    return PlumbingJudge.openScorer(context, new OneIgPlumbingAnswerer(OneIgTemplates.load(context.dataDir())),
        judge -> OneIgJudgeScorerProvider.open(context, judge, more, "oneig-plumbing"));
  }
}
