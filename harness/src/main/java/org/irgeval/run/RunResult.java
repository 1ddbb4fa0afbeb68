package org.irgeval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.Summary;

/**
 * What a run did.
 *
 * @param runDir             the run directory
 * @param summary            the written summary.json
 * @param generated          trajectories generated in this session
 * @param scored             score lines written in this session
 * @param generationFailures generations that failed in this session (retried on the next run)
 * @param scoreIncomplete    scorings that failed transiently (retried on the next run)
 * @param repairs            journal repairs done at start
 * @param stopped            why the run stopped before its work was done (the same command resumes), or null
 * @param exportFailures     prompts whose official-layout export failed in this session (retried by the next run)
 */
public record RunResult(Path runDir, Summary summary, int generated, int scored, List<String> generationFailures,
                        int scoreIncomplete, List<String> repairs, String stopped, int exportFailures) {
  /** The reason a benchmark of a {@code --generate-only} run has no scores (set by the engine). */
  public static final String GENERATE_ONLY = "generate-only run";

  /** True when some work failed or was left: counted failures, retried scorings, unscored benchmarks, a stop. */
  public boolean incomplete() {
    if (stopped != null || !generationFailures.isEmpty() || scoreIncomplete > 0 || exportFailures > 0) {
      return true;
    }
    for (Summary.BenchmarkSummary b : summary.benchmarks().values()) {
      if (!b.scored()) {
        if (GENERATE_ONLY.equals(b.reason())) {
          continue; // scoring was not asked for
        }
        return true;
      }
      if (b.variantsOrEmpty().values().stream().anyMatch(v -> v.failuresOrZero() > 0)) {
        return true;
      }
    }
    return false;
  }

  /** The summary as its JSON tree (what summary.json holds). */
  public ObjectNode summaryJson() {
    return RecordJson.tree(summary);
  }
}
