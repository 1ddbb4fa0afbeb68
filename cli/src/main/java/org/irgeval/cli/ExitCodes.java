package org.irgeval.cli;

/**
 * Exit codes of every command (docs/reliability.md, "Exit codes"). A wrapper (a Slurm script, a CI job) can tell
 * "done", "fix the command", "fix the input", "some work failed" and "stopped, run again" apart.
 */
final class ExitCodes {
  /** Everything asked was done: every benchmark scored, nothing failed. */
  static final int OK = 0;
  /** Usage or configuration error (unknown option, bad value, conflicting run directory): nothing was done. */
  static final int ERROR = 1;
  /** Unusable input: a malformed or missing data file, official results or run directory (file, line, field named). */
  static final int UNUSABLE_INPUT = 2;
  /**
   * The run finished but some work failed and was counted (generations, scorings to retry, judgements without a
   * usable answer) or a benchmark could not be scored; the summary says which. Running again retries what can be.
   */
  static final int INCOMPLETE = 3;
  /** The run stopped early (the judge refused the key, the generator kept failing); the same command resumes. */
  static final int STOPPED = 4;

  private ExitCodes() {}

  /** The exit code of a finished run. */
  static int of(org.irgeval.run.RunResult r) {
    return r.stopped() != null ? STOPPED : r.incomplete() ? INCOMPLETE : OK;
  }
}
