package org.irgeval.api;

/** The judge gave no usable answer after the client's retries. */
public class JudgeException extends Exception {
  private final boolean transientFailure;
  private final boolean authentication;

  public JudgeException(String message, boolean transientFailure, Throwable cause) {
    this(message, transientFailure, false, cause);
  }

  /**
   * @param authentication the judge refused the credentials (HTTP 401/403): no image will fare better, so the run
   *                       stops (see {@link RunStopException}) instead of storing a failure per image
   */
  public JudgeException(String message, boolean transientFailure, boolean authentication, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.authentication = authentication;
  }

  /** True when trying again later may succeed (network, 5xx, 429); false for a 4xx request error. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** True when the judge refused the credentials (HTTP 401 or 403). */
  public boolean isAuthentication() {
    return authentication;
  }
}
