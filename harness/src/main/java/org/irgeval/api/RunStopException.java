package org.irgeval.api;

/**
 * A failure that makes the rest of a run pointless (the judge refuses the credentials, every endpoint keeps
 * failing). Thrown by a scorer or pipeline, it stops the run: nothing is stored for the work it interrupted,
 * everything finished so far is kept, and the same command resumes once the cause is fixed. The message says
 * what to fix.
 */
public class RunStopException extends Exception {
  public RunStopException(String message, Throwable cause) {
    super(message, cause);
  }
}
