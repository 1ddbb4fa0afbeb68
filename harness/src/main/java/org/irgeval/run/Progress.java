package org.irgeval.run;

import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
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
      b.setConsumer(new TerminalLine(System.err)).setUpdateIntervalMillis(300);
    } else {
      // a width given: the library's own width probe starts `tty` and `test -t` processes for every bar, and
      // logLine() prints its own line anyway
      b.setConsumer(new DelegatingProgressBarConsumer(this::printIfChanged, 80)).setUpdateIntervalMillis(5000);
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
    System.err.println(logLine());
  }

  /**
   * The line printed off a terminal: fixed in form and never cut (the library's bar is drawn for an 80-column
   * terminal that a log does not have: it shrank to {@code [=]} and cut the counts off).
   */
  String logLine() {
    long cur = bar.getCurrent();
    long max = Math.max(1, bar.getMax());
    long s = bar.getTotalElapsed().getSeconds();
    return String.format(java.util.Locale.ROOT, "%s %3d%% %d/%d%s (%d:%02d:%02d elapsed)", bar.getTaskName(),
        100 * cur / max, cur, max, message(), s / 3600, s / 60 % 60, s % 60);
  }

  private String message() {
    return " gen " + genDone.get() + "/" + genTotal + " score " + scoreDone.get() + "/" + scoreTotal
        + (failed.get() > 0 ? " failed " + failed.get() : "");
  }

  /**
   * The bar on a terminal: one line redrawn in place. A line equal to the one shown is not drawn again and nothing is
   * drawn once closed: the library renders once more on close and its timer may fire after, which printed the last
   * line a second (and third) time below the first.
   */
  static final class TerminalLine implements ProgressBarConsumer {
    private final java.io.PrintStream out;
    private final int width;
    private String shown = "";
    private boolean closed;

    TerminalLine(java.io.PrintStream out) {
      this.out = out;
      this.width = new ConsoleProgressBarConsumer(out).getMaxRenderedLength();
    }

    @Override
    public int getMaxRenderedLength() {
      return width;
    }

    @Override
    public synchronized void accept(String line) {
      if (closed || line.equals(shown)) {
        return;
      }
      // a shorter line is padded over the longer one before it, so no characters of it are left at the end
      out.print('\r' + line + " ".repeat(Math.max(0, shown.length() - line.length())));
      out.flush();
      shown = line;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        out.println();
        out.flush();
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    if (bar != null) {
      bar.close();
    }
  }
}
