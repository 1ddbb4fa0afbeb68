package org.irgeval.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.irgeval.run.RunMerger;
import org.irgeval.run.RunService;

/** What {@code irg-eval merge} prints: the join's counts, then the scoring's summary (text or {@code --json}). */
final class MergePrinter {
  /** The {@code --json} result: what was joined, and the scoring's result unless --no-score (then null). */
  record Merged(String run, int shards, int trajectories, int scores, int imagesLinked, int imagesCopied,
                String copyReason, List<String> missingTrajectories, double seconds, RunJson scored) {}

  private final PrintWriter out;

  MergePrinter(PrintWriter out) {
    this.out = out;
  }

  /** Prints the outcome and returns the exit code. */
  int print(RunService.MergeOutcome m, Path run, boolean json) throws IOException {
    RunMerger.Result r = m.merged();
    if (json) {
      JsonOption.print(out, new Merged(r.out().toString(), r.shards(), r.trajectories(), r.scores(),
          r.imagesLinked(), r.imagesCopied(), r.copyReason(), r.missingTrajectories(), m.seconds(),
          m.scored() == null ? null : RunJson.of(m.scored())));
      return m.scored() == null ? ExitCodes.OK : ExitCodes.of(m.scored().result());
    }
    out.printf(Locale.ROOT, "merged %d shards into %s: %d trajectories, %d score lines, images %d linked,"
            + " %d copied%s (%.1f s)%n", r.shards(), r.out(), r.trajectories(), r.scores(), r.imagesLinked(),
        r.imagesCopied(), r.copyReason() == null ? "" : " (" + r.copyReason() + ")", m.seconds());
    if (!r.missingTrajectories().isEmpty()) {
      out.println("incomplete: " + r.missingTrajectories().size() + " trajectories missing; complete them with an"
          + " unsharded 'irg-eval run ... --out " + run + "'");
    }
    if (m.scored() == null) {
      out.flush();
      return ExitCodes.OK;
    }
    new SummaryPrinter(out).print(m.scored().result());
    return ExitCodes.of(m.scored().result());
  }
}
