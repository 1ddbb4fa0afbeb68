package org.irgeval.pipeline.irg.sim;

/**
 * One request the simulator received, for tests and throughput measurements.
 *
 * @param seq     arrival order on this simulator (0-based)
 * @param method  HTTP method
 * @param path    request path
 * @param body    request body as received (UTF-8), empty for GET
 * @param status  HTTP status answered, or -1 when the connection was dropped (dead simulator)
 * @param outcome "ok", "cached" (idempotent repeat), an error code, or "dropped"
 */
public record LoggedRequest(long seq, String method, String path, String body, int status, String outcome) {
  public boolean isTrajectory() {
    return "POST".equals(method) && "/v1/trajectory".equals(path);
  }
}
