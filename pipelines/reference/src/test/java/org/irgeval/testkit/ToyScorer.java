package org.irgeval.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScoringInput;
import org.irgeval.pipeline.reference.ReferencePalette;
import org.irgeval.pipeline.reference.SceneReader;
import org.irgeval.pipeline.reference.SeenObject;

/**
 * Scores toy images with the reference scene reader: correct when exactly one red object is seen. Counts calls; made
 * with an exception, every call throws it instead (a judge that refuses the key, a scorer that fails).
 */
public final class ToyScorer implements ScorerProvider {
  /** Calls to {@link Scorer#score} across all scorers opened from this provider. */
  public final AtomicInteger calls = new AtomicInteger();
  private final String fingerprint;
  private final Exception thrown;

  public ToyScorer(String fingerprint) {
    this(fingerprint, null);
  }

  /** @param thrown what every {@code score} call throws (after counting it), or null to score */
  public ToyScorer(String fingerprint, Exception thrown) {
    this.fingerprint = fingerprint;
    this.thrown = thrown;
  }

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("toy-scorer", "toy", ScorerDescription.Kind.MODEL, "test scorer");
  }

  @Override
  public Scorer open(ScorerContext context) {
    return new Scorer() {
      @Override
      public String fingerprint() {
        return fingerprint;
      }

      @Override
      public int concurrency() {
        return 2;
      }

      @Override
      public ScoreOutcome score(ScoringInput in) throws Exception {
        calls.incrementAndGet();
        if (thrown != null) {
          throw thrown;
        }
        List<SeenObject> seen = new SceneReader().read(ImageIO.read(in.image().toFile()));
        boolean ok = seen.size() == 1 && ReferencePalette.nearest(seen.get(0).meanRgb()).equals("red");
        return ScoreOutcome.of(Map.of("correct", ok ? 1.0 : 0.0), null, null);
      }
    };
  }
}
