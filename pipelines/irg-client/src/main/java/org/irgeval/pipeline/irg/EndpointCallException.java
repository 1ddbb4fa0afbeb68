package org.irgeval.pipeline.irg;

/** One HTTP call to one endpoint failed; {@link #code()} says whether and how to retry. */
public final class EndpointCallException extends Exception {
  private final ErrorCode code;
  private final int httpStatus;

  public EndpointCallException(ErrorCode code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public ErrorCode code() {
    return code;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
