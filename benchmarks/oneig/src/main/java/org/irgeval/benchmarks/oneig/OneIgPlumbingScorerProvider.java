package org.irgeval.benchmarks.oneig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.scoring.OwningScorer;
import org.irgeval.scoring.judge.PlumbingJudge;

/**
 * {@code oneig-plumbing}: the embedded demo's OneIG scorer. Alignment and text run the official judge protocol against
 * a {@link PlumbingJudge} whose {@link OneIgPlumbingAnswerer} reads the reference pipeline's drawings back (so the
 * reflection's fixes show in alignment); reasoning, style and diversity are {@link OneIgPlumbingParts} values derived
 * from the image. Every score it writes is labelled plumbing.
 */
public final class OneIgPlumbingScorerProvider implements ScorerProvider {
  @Override
  public String id() {
    return "oneig-plumbing";
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(OneIgBenchmark.ID);
  }

  @Override
  public String description() {
    return "plumbing check: official OneIG judge protocol against a loopback judge reading the reference drawings,"
        + " image-derived reasoning/style/diversity values (not a model)";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.of(OneIgJudgeScorerProvider.ATTEMPTS, OptionSpec.Type.POSITIVE_INT,
        "judge calls per question after a final judge error (default 1)"));
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    PlumbingJudge judge = PlumbingJudge.start(new OneIgPlumbingAnswerer(OneIgTemplates.load(context.dataDir())),
        context.cacheDir().resolve("plumbing-judge"));
    try {
      Map<String, OneIgPart> more = new LinkedHashMap<>();
      more.put(OneIgAggregator.REASONING, OneIgPlumbingParts.reasoning());
      more.put(OneIgAggregator.STYLE, OneIgPlumbingParts.style());
      more.put(OneIgAggregator.DIVERSITY, OneIgPlumbingParts.diversity());
      return new OwningScorer(OneIgJudgeScorerProvider.open(context, judge.open(OneIgJudgeScorerProvider.DEFAULT_MODEL),
          more, "oneig-plumbing"), judge);
    } catch (Exception e) {
      judge.close();
      throw e;
    }
  }
}
