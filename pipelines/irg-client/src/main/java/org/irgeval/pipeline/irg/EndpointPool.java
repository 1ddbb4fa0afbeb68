package org.irgeval.pipeline.irg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared pool of endpoints. Every {@code generate} thread takes a slot from whichever healthy endpoint has
 * the most room when it asks (a dynamic work queue: a slow or dead GPU never holds prompts hostage, unlike the
 * official scripts' {@code data[i::world_size]} sharding, tiif_multi_turn_gen.py:1008). An endpoint that fails
 * {@link RetryPolicy#takeOutAfter()} times in a row is taken out and probed with {@code /v1/health} after a
 * cool-down that doubles while it stays down.
 */
final class EndpointPool {
  /** Checks an endpoint's health; returns null when it may serve, else why not. */
  interface Probe {
    String check(Endpoint endpoint) throws InterruptedException;
  }

  /** A slot on one endpoint; give it back with {@link #release}. */
  record Lease(Endpoint endpoint) {}

  private final List<Endpoint> endpoints;
  private final RetryPolicy policy;
  private final Probe probe;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** When the last endpoint went down (System.nanoTime, never 0 when set), or 0 while one is up; guarded by lock. */
  private long allDownSince;
  private int roundRobin;

  EndpointPool(List<Endpoint> endpoints, RetryPolicy policy, Probe probe) {
    this.endpoints = List.copyOf(endpoints);
    this.policy = policy;
    this.probe = probe;
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * Marks an endpoint unusable for this whole run (wrong mode, wrong system prompt: a configuration error that
   * waiting does not fix).
   */
  void refuse(Endpoint e, String why) {
    lock.lock();
    try {
      e.state = Endpoint.State.REFUSED;
      e.lastProblem = why;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Takes an endpoint out at start (its health check failed); it is probed again after the cool-down. */
  void startOut(Endpoint e, String why) {
    lock.lock();
    try {
      takeOut(e, why);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until a healthy endpoint has a free slot, preferring those not in {@code avoid} (the endpoints
   * earlier attempts of this trajectory failed on). Probes endpoints whose cool-down has passed while it waits.
   *
   * @throws NoEndpointException when none became available within {@link RetryPolicy#endpointWait()}, or
   *                             every endpoint was refused
   */
  Lease acquire(Set<Endpoint> avoid) throws InterruptedException, NoEndpointException {
    long deadline = System.nanoTime() + policy.endpointWait().toNanos();
    lock.lock();
    try {
      while (true) {
        Endpoint best = pick(avoid);
        if (best != null) {
          best.inFlight++;
          return new Lease(best);
        }
        long now = System.nanoTime();
        Endpoint due = null;
        long nextDue = Long.MAX_VALUE;
        boolean anyAlive = false;
        for (Endpoint e : endpoints) {
          if (e.state == Endpoint.State.REFUSED) {
            continue;
          }
          anyAlive = true;
          if (e.state == Endpoint.State.OUT) {
            if (e.retryAtNanos - now <= 0) {
              due = e;
              break;
            }
            nextDue = Math.min(nextDue, e.retryAtNanos - now);
          }
        }
        if (!anyAlive) {
          throw new NoEndpointException("every endpoint was refused: " + problems());
        }
        // the circuit breaker: every endpoint down (none UP, busy or not) for downWait stops the run
        boolean anyUp = endpoints.stream().anyMatch(x -> x.state == Endpoint.State.UP);
        if (anyUp) {
          allDownSince = 0;
        } else if (allDownSince == 0) {
          allDownSince = now == 0 ? 1 : now;
        } else if (now - allDownSince >= policy.downWait().toNanos()) {
          throw new NoEndpointException("every endpoint has been down for " + policy.downWait().toSeconds() + " s: "
              + problems(), true);
        }
        if (due != null) {
          probeUnlocked(due);
          continue;
        }
        long left = deadline - now;
        if (left <= 0) {
          throw new NoEndpointException("no healthy endpoint with a free slot for "
              + policy.endpointWait().toSeconds() + " s: " + problems());
        }
        long downLeft = allDownSince == 0 ? Long.MAX_VALUE : allDownSince + policy.downWait().toNanos() - now;
        changed.awaitNanos(Math.max(1, Math.min(Math.min(left, nextDue), downLeft)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held: probes {@code e} without holding it (the probe is an HTTP call). */
  private void probeUnlocked(Endpoint e) throws InterruptedException {
    e.state = Endpoint.State.PROBING;
    lock.unlock();
    String problem;
    boolean interrupted = false;
    try {
      problem = probe.check(e);
    } catch (InterruptedException ie) {
      interrupted = true;
      problem = "probe interrupted";
    } catch (RuntimeException re) {
      problem = re.toString();
    } finally {
      lock.lock();
    }
    if (interrupted) {
      if (e.state == Endpoint.State.PROBING) {
        e.state = Endpoint.State.OUT; // another thread may probe it right away
      }
      changed.signalAll();
      throw new InterruptedException("interrupted while probing " + e.uri);
    }
    e.countProbe(problem == null);
    if (e.state == Endpoint.State.PROBING) { // not refused meanwhile
      if (problem == null) {
        e.state = Endpoint.State.UP;
        e.consecutiveFaults = 0;
        e.currentCooldownNanos = 0;
        e.lastProblem = null;
      } else {
        e.state = Endpoint.State.OUT;
        e.lastProblem = problem;
        e.currentCooldownNanos = Math.min(policy.maxCooldown().toNanos(),
            Math.max(policy.cooldown().toNanos(), e.currentCooldownNanos * 2));
        e.retryAtNanos = System.nanoTime() + e.currentCooldownNanos;
      }
    }
    changed.signalAll();
  }

  /**
   * The UP endpoint with a free slot and the lowest load (in-flight / concurrency), rotating among ties, that
   * this trajectory has not failed on yet. An endpoint it failed on is used again only when every UP endpoint
   * has failed it (otherwise a fast-failing GPU would eat all retries while the good ones are busy). Null: wait.
   */
  private Endpoint pick(Set<Endpoint> avoid) {
    Endpoint best = null;
    Endpoint bestAvoided = null;
    boolean freshUp = false;
    double bestLoad = Double.MAX_VALUE;
    double bestAvoidedLoad = Double.MAX_VALUE;
    int n = endpoints.size();
    for (int k = 0; k < n; k++) {
      Endpoint e = endpoints.get((roundRobin + k) % n);
      if (e.state != Endpoint.State.UP) {
        continue;
      }
      boolean avoided = avoid.contains(e);
      freshUp |= !avoided;
      if (e.inFlight >= e.concurrency) {
        continue;
      }
      double load = (double) e.inFlight / e.concurrency;
      if (!avoided && load < bestLoad) {
        bestLoad = load;
        best = e;
      } else if (avoided && load < bestAvoidedLoad) {
        bestAvoidedLoad = load;
        bestAvoided = e;
      }
    }
    roundRobin = (roundRobin + 1) % n;
    return best != null ? best : freshUp ? null : bestAvoided;
  }

  /** Gives a slot back after a success. */
  void releaseSuccess(Lease lease) {
    lock.lock();
    try {
      Endpoint e = lease.endpoint();
      e.inFlight--;
      e.consecutiveFaults = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Gives a slot back after a failure; the endpoint is taken out after too many faults in a row. */
  void releaseFailure(Lease lease, ErrorCode code, String problem) {
    lock.lock();
    try {
      Endpoint e = lease.endpoint();
      e.inFlight--;
      if (code.endpointFault()) {
        e.consecutiveFaults++;
        e.lastProblem = problem;
        if (e.state == Endpoint.State.UP && e.consecutiveFaults >= policy.takeOutAfter()) {
          takeOut(e, problem);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void takeOut(Endpoint e, String why) {
    e.state = Endpoint.State.OUT;
    e.lastProblem = why;
    e.countTakenOut();
    e.currentCooldownNanos = policy.cooldown().toNanos();
    e.retryAtNanos = System.nanoTime() + e.currentCooldownNanos;
    changed.signalAll();
  }

  private String problems() {
    List<String> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      out.add(e.uri + " " + e.state.name().toLowerCase(Locale.ROOT)
          + (e.lastProblem == null ? "" : " (" + e.lastProblem + ")"));
    }
    return String.join("; ", out);
  }

  /** Per-endpoint counters, keyed by URL, in --endpoint order. */
  Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      Endpoint.State s;
      String problem;
      lock.lock();
      try {
        s = e.state;
        problem = e.lastProblem;
      } finally {
        lock.unlock();
      }
      out.put(e.uri.toString(), e.stats(s, problem));
    }
    return out;
  }

  /** Thrown by {@link #acquire} when no endpoint can serve. */
  static final class NoEndpointException extends Exception {
    private final boolean allDown;

    NoEndpointException(String message) {
      this(message, false);
    }

    NoEndpointException(String message, boolean allDown) {
      super(message);
      this.allDown = allDown;
    }

    /** True when every endpoint has been down for {@link RetryPolicy#downWait()}: the run should stop. */
    boolean allDown() {
      return allDown;
    }
  }
}
