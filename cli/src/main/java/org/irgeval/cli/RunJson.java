package org.irgeval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.irgeval.run.FailureLog;
import org.irgeval.run.RunService;
import org.irgeval.store.record.RecordJson;

/**
 * The {@code --json} result of {@code run}, {@code score} and a scored {@code merge}: what this session did, the exit
 * code it ends with, where the run's files are, and the run's summary.json as written.
 *
 * @param failures the file listing this session's failed items, or null when nothing failed
 * @param report   the run's report (report.md, or the demo's report.html), or null
 */
record RunJson(String run, int exitCode, int generated, int scored, int generationFailures, int scoreIncomplete,
               String stopped, String failures, String report, JsonNode summary) {
  static RunJson of(RunService.RunOutcome o) {
    var r = o.result();
    var failureList = r.runDir().resolve(FailureLog.FILE);
    return new RunJson(r.runDir().toString(), ExitCodes.of(r), r.generated(), r.scored(),
        r.generationFailures().size(), r.scoreIncomplete(), r.stopped(),
        r.generationFailures().isEmpty() && r.scoreIncomplete() == 0 || !Files.exists(failureList) ? null
            : failureList.toString(),
        o.report() == null ? null : o.report().toString(), RecordJson.tree(r.summary()));
  }
}
