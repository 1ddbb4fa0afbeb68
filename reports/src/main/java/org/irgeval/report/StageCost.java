package org.irgeval.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.irgeval.api.Trajectory;

/**
 * Where a benchmark's generation time went, from the trajectories' per-stage timings: turn 1's text (the think)
 * and image, then each later turn's text (the reflection) and image. The cost of reflection is the time of the
 * turns after the first.
 *
 * @param trajectories how many trajectories were counted
 * @param seconds      stage -> seconds summed over them ("think", "image 1", "reflect 2", "image 2", ...)
 */
public record StageCost(int trajectories, Map<String, Double> seconds) {
  public static StageCost of(RunView run, String benchmark) {
    Map<String, Double> s = new LinkedHashMap<>();
    int n = 0;
    for (Trajectory t : run.snapshot().trajectories().values()) {
      if (!t.benchmark().equals(benchmark)) {
        continue;
      }
      n++;
      for (Trajectory.Turn turn : t.turns()) {
        String text = turn.turn() == 1 ? "think" : "reflect " + turn.turn();
        s.merge(text, turn.timingsMs().getOrDefault("text", 0L) / 1000.0, Double::sum);
        s.merge("image " + turn.turn(), turn.timingsMs().getOrDefault("image", 0L) / 1000.0, Double::sum);
      }
    }
    return new StageCost(n, s);
  }

  /** Seconds of turn 1 (think + image). */
  public double firstTurnSeconds() {
    return seconds.getOrDefault("think", 0.0) + seconds.getOrDefault("image 1", 0.0);
  }

  /** Seconds of every later turn: what reflection costs. */
  public double reflectionSeconds() {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum() - firstTurnSeconds();
  }
}
