package org.irgeval.pipeline.irg;

/**
 * {@code generate} gave up on one trajectory. {@link #isTransient()} is false for a {@code bad_request} (the
 * same request will fail again: the engine should record the failure and not retry it) and true when the
 * attempts or the wait for a healthy endpoint ran out (a later run may succeed).
 */
public final class TrajectoryFailedException extends Exception {
  private final boolean transientFailure;
  private final ErrorCode lastCode;

  public TrajectoryFailedException(String message, boolean transientFailure, ErrorCode lastCode, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.lastCode = lastCode;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /** The code of the last failed attempt, or null when no endpoint could be reached at all. */
  public ErrorCode lastCode() {
    return lastCode;
  }
}
