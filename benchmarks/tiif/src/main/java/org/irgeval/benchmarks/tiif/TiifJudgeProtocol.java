package org.irgeval.benchmarks.tiif;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.irgeval.util.Hashing;

/**
 * How the TIIF judge is asked. The official script ({@code eval_with_vlm.py} l.95-106) samples at temperature 1.0
 * and draws one of the three templates with an unseeded {@code random.choice} on every call, so two runs of it
 * disagree (TIIF issue #12, where the maintainers announce temperature 0 for future leaderboard runs). Both
 * protocols here are reproducible, and the one used is part of the scorer's fingerprint:
 * <ul>
 *   <li>{@link #DETERMINISTIC} (default): temperature 0, always the first template ({@code raw_prompt});</li>
 *   <li>{@link #OFFICIAL}: temperature 1.0 and a template drawn per attempt, as officially, but from a generator
 *       seeded by the image's SHA-256 (which follows from the run seed), the prompt id, the attempt and
 *       {@code --scorer-opt judge_seed}, so a rerun draws the same templates and is answered from the cache.</li>
 * </ul>
 */
public enum TiifJudgeProtocol {
  DETERMINISTIC("deterministic", 0.0),
  OFFICIAL("official", 1.0);

  private final String id;
  private final double temperature;

  TiifJudgeProtocol(String id, double temperature) {
    this.id = id;
    this.temperature = temperature;
  }

  public String id() {
    return id;
  }

  public double temperature() {
    return temperature;
  }

  /** The template of one attempt (0..count-1). */
  public int template(int count, String imageSha256, String promptId, int attempt, long seed) {
    if (this == DETERMINISTIC) {
      return 0;
    }
    String key = imageSha256 + "\u0000" + promptId + "\u0000" + attempt + "\u0000" + seed;
    long s = Long.parseUnsignedLong(Hashing.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 15), 16);
    return new SplittableRandom(s).nextInt(count);
  }

  public static TiifJudgeProtocol of(String id) {
    for (TiifJudgeProtocol p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("judge_protocol '" + id + "' is not deterministic or official");
  }
}
