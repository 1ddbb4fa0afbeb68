package org.irgeval.cli;

import picocli.CommandLine.Command;

/**
 * {@code irg-eval doctor}: with the options of {@code run} (or its {@code --config} file), every check {@code run}
 * makes before any work, and the plan; exit 0 when all pass, 2 when one fails. The checks live in the harness
 * ({@link org.irgeval.preflight.Preflight}).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check, in seconds and before any GPU work, what 'run' with the same options needs: the data of each"
        + " benchmark, each scorer's files and options, the judge (one tiny request per model, logprobs where the"
        + " scorer reads them, with the key), the endpoints' health and weights, the disk space; then print the plan"
        + " (trajectories, images, judge calls, GPU-hours, judge cost). Exit 0 when every check passes, 2 otherwise.",
        "Takes every option of 'run' (see 'irg-eval run --help'), --config FILE included."})
public final class DoctorCommand extends RunCommand {
  @Override
  boolean doctorOnly() {
    return true;
  }
}
