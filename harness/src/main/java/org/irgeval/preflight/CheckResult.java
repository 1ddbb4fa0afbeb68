package org.irgeval.preflight;

/**
 * The outcome of one preflight check.
 *
 * @param check   what was checked, e.g. "data wise", "scorer geneval-djl", "judge gpt-4o"
 * @param status  how it went
 * @param message what was found, or what is wrong and how to fix it
 * @param millis  how long the check took
 */
public record CheckResult(String check, Status status, String message, long millis) {
  /** How a check went. */
  public enum Status {
    /** Ready. */
    OK,
    /** Usable, but worth a look (e.g. little disk space to spare). */
    WARN,
    /** The run would fail or waste work: it does not start. */
    FAIL,
    /** Not checked for this command (e.g. the judge of a generate-only run). */
    SKIPPED
  }

  public boolean failed() {
    return status == Status.FAIL;
  }
}
