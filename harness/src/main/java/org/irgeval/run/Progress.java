package org.irgeval.run;

import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on stderr (done/total, rate, ETA), with generation and scoring counts. On a terminal it
 * redraws one line; otherwise (CI, logs) it prints a line every few seconds.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final int genTotal;
  private final int scoreTotal;
  private final AtomicInteger genDone = new AtomicInteger();
  private final AtomicInteger scoreDone = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  /** Non-terminal output: the counts last printed and when, so a line repeats only as a heartbeat. */
  private String lastPrinted;
  private long lastPrintedNanos;
  private volatile boolean closing;

  public Progress(String task, int genTotal, int scoreTotal) {
    this.genTotal = genTotal;
    this.scoreTotal = scoreTotal;
    if (genTotal + scoreTotal == 0) {
      bar = null;
      return;
    }
    boolean tty = System.console() != null;
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(Math.max(1, genTotal + scoreTotal))
        .setStyle(ProgressBarStyle.ASCII)
        .showSpeed()
        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
        .continuousUpdate();
    if (tty) {
      b.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(300);
    } else {
      b.setConsumer(new DelegatingProgressBarConsumer(this::printIfChanged)).setUpdateIntervalMillis(5000);
    }
    bar = b.build();
    bar.setExtraMessage(message());
  }

  public void generated() {
    genDone.incrementAndGet();
    step();
  }

  public void scored() {
    scoreDone.incrementAndGet();
    step();
  }

  /** A task that ended without a result (counted, still progress). */
  public void failed(boolean generation) {
    failed.incrementAndGet();
    if (generation) {
      genDone.incrementAndGet();
    } else {
      scoreDone.incrementAndGet();
    }
    step();
  }

  /** Scoring tasks discovered after start (e.g. turns reported by the pipeline). */
  public void addWork(int n) {
    if (bar != null) {
      bar.maxHint(bar.getMax() + n);
    }
  }

  /** Synchronized: the message and the step must be set together, or a slower thread leaves a stale count. */
  private synchronized void step() {
    if (bar != null) {
      bar.setExtraMessage(message());
      bar.step();
    }
  }

  /**
   * On a log (not a terminal) the bar renders on a timer and once more when closed; a line whose counts were
   * already printed is dropped (unless a minute has passed, as a heartbeat), so the final line appears once.
   */
  private synchronized void printIfChanged(String line) {
    String counts = message();
    long now = System.nanoTime();
    if (counts.equals(lastPrinted) && (closing || now - lastPrintedNanos < 60_000_000_000L)) {
      return;
    }
    lastPrinted = counts;
    lastPrintedNanos = now;
    System.err.println(line);
  }

  private String message() {
    return " gen " + genDone.get() + "/" + genTotal + " score " + scoreDone.get() + "/" + scoreTotal
        + (failed.get() > 0 ? " failed " + failed.get() : "");
  }

  @Override
  public void close() {
    closing = true;
    if (bar != null) {
      bar.close();
    }
  }
}
