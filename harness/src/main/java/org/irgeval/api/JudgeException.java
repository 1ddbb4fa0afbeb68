package org.irgeval.api;

/** The judge gave no usable answer after the client's retries. */
public class JudgeException extends Exception {
  private final boolean transientFailure;

  public JudgeException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** True when trying again later may succeed (network, 5xx, 429); false for a 4xx request error. */
  public boolean isTransient() {
    return transientFailure;
  }
}
