package org.irgeval.scoring.judge;

/**
 * Spaces request starts evenly: at most {@code requestsPerMinute} starts per minute, shared by all threads.
 * Even spacing (rather than a bursty token bucket) keeps a fresh run from tripping the provider's own limiter.
 */
final class RateLimiter {
  private final long intervalNanos;
  private long nextFree;

  RateLimiter(double requestsPerMinute) {
    this.intervalNanos = requestsPerMinute <= 0 ? 0 : (long) Math.ceil(60e9 / requestsPerMinute);
    this.nextFree = System.nanoTime();
  }

  /** Blocks until this caller may start a request. */
  void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextFree);
      nextFree = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
