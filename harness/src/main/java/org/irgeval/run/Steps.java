package org.irgeval.run;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Names each finishing step of a command on stderr (summary with its bootstraps, report, plots) with how long it
 * took, so the seconds after the progress bar's last line are not silence: one line per step, its name when it
 * starts and the outcome when it ends (steps run after the bar is closed, so nothing else writes in between).
 */
public final class Steps {
  private final PrintWriter err;

  public Steps(PrintWriter err) {
    this.err = err;
  }

  /** A step's work, which may throw. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws Exception;
  }

  /**
   * Runs {@code work}, then prints "{@code name}: {@code how} (S s)" where {@code how} is what {@code describe} says
   * of the result (e.g. "reused: inputs unchanged").
   */
  public <T> T run(String name, Work<T> work, java.util.function.Function<T, String> describe) throws Exception {
    err.print("  " + name + " ...");
    err.flush();
    long t0 = System.nanoTime();
    T r = work.run();
    err.printf(Locale.ROOT, " %s (%.1f s)%n", describe.apply(r), (System.nanoTime() - t0) / 1e9);
    err.flush();
    return r;
  }
}
