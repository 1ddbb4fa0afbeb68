package org.irgeval.pipeline.irg;

/**
 * The error codes of the protocol and what the client does with each (docs/protocol.md, "Errors").
 * {@link #NETWORK} is the client's own name for "no HTTP answer at all" and never appears on the wire.
 */
public enum ErrorCode {
  /** 400: the request is wrong; retrying it anywhere gives the same answer. Never retried. */
  BAD_REQUEST("bad_request", 400, false, false),
  /** 503: the server's queue is full; the endpoint is healthy. Retried, not counted against the endpoint. */
  BUSY("busy", 503, true, false),
  /** 503: CUDA ran out of memory; the server freed what it could. Retried, counted against the endpoint. */
  OUT_OF_MEMORY("out_of_memory", 503, true, true),
  /** 500: anything else went wrong on the server. Retried (capped), counted against the endpoint. */
  INTERNAL("internal", 500, true, true),
  /** Connection refused / reset / timeout / unreadable answer. Retried, counted against the endpoint. */
  NETWORK("network", 0, true, true);

  private final String wire;
  private final int httpStatus;
  private final boolean retried;
  private final boolean endpointFault;

  ErrorCode(String wire, int httpStatus, boolean retried, boolean endpointFault) {
    this.wire = wire;
    this.httpStatus = httpStatus;
    this.retried = retried;
    this.endpointFault = endpointFault;
  }

  public String wire() {
    return wire;
  }

  /** The HTTP status the server answers with (0 for {@link #NETWORK}). */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when the client tries again (on any endpoint, after a backoff). */
  public boolean retried() {
    return retried;
  }

  /** True when the failure counts towards taking the endpoint out of the pool. */
  public boolean endpointFault() {
    return endpointFault;
  }

  /**
   * The code of an error answer: the body's {@code error.code} when it is one of ours, else by HTTP status
   * (a proxy's 502/504 is {@link #INTERNAL}, a 404 from a wrong URL is {@link #BAD_REQUEST}).
   */
  public static ErrorCode fromAnswer(int httpStatus, String bodyCode) {
    if (bodyCode != null) {
      for (ErrorCode c : values()) {
        if (c != NETWORK && c.wire.equals(bodyCode)) {
          return c;
        }
      }
    }
    if (httpStatus == 503 || httpStatus == 429) {
      return BUSY;
    }
    if (httpStatus >= 400 && httpStatus < 500) {
      return BAD_REQUEST;
    }
    return INTERNAL;
  }
}
