package org.irgeval.run;

import java.util.ArrayList;
import java.util.List;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.Trajectory;
import org.irgeval.store.RunStore;
import org.irgeval.util.Seeds;

/**
 * The work of a run: benchmark x prompt x sample generations, and trajectory x variant score lines, minus
 * what the run directory already holds.
 */
public final class RunPlan {
  private final List<GenerationRequest> generations = new ArrayList<>();
  private final List<ScoreTask> scoring = new ArrayList<>();
  private int plannedTrajectories;

  /** One image to score. */
  public record ScoreTask(BenchmarkRun bench, Prompt prompt, Trajectory trajectory, Trajectory.Turn turn,
                          ScoreKey key) {}

  private RunPlan() {}

  /**
   * Plans every missing generation (unless {@code generate} is false) and every missing score of the
   * trajectories already stored (unless {@code score} is false).
   */
  public static RunPlan of(List<BenchmarkRun> benches, RunStore store, long runSeed, int turns, boolean generate,
                           boolean score) {
    RunPlan plan = new RunPlan();
    for (BenchmarkRun b : benches) {
      for (Prompt p : b.prompts().prompts()) {
        for (int s = 0; s < b.samples(); s++) {
          plan.plannedTrajectories++;
          String id = GenerationRequest.idOf(b.id(), p.id(), s);
          Trajectory t = store.trajectory(id);
          if (t == null) {
            if (generate) {
              plan.generations.add(new GenerationRequest(id, b.id(), p, s,
                  Seeds.derive(runSeed, b.id(), p.id(), s), turns));
            }
          } else if (score) {
            plan.scoring.addAll(scoreTasks(b, p, t, store));
          }
        }
      }
    }
    return plan;
  }

  /** The missing score lines of one stored trajectory (none when the benchmark has no scorer). */
  public static List<ScoreTask> scoreTasks(BenchmarkRun b, Prompt p, Trajectory t, RunStore store) {
    List<ScoreTask> out = new ArrayList<>();
    if (b.scorer() == null) {
      return out;
    }
    for (Trajectory.Turn turn : t.turns()) {
      ScoreKey key = new ScoreKey(b.id(), p.id(), t.sample(), turn.variant(), b.scorerId());
      if (!store.hasScore(key)) {
        out.add(new ScoreTask(b, p, t, turn, key));
      }
    }
    return out;
  }

  /** Generations still to do. */
  public List<GenerationRequest> generations() {
    return generations;
  }

  /** Score lines still to do for trajectories already stored. */
  public List<ScoreTask> scoring() {
    return scoring;
  }

  /** All trajectories of the plan, done or not. */
  public int plannedTrajectories() {
    return plannedTrajectories;
  }
}
