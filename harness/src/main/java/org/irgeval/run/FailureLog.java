package org.irgeval.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.irgeval.store.AtomicFiles;

/**
 * The items that failed in one session, told as a summary: per kind (generation, scoring) the count by cause with
 * the first few items of each, and the file holding the full list. A real run can fail thousands of items for one
 * reason (an unreachable judge); one stderr line each would bury the reason and the progress.
 */
public final class FailureLog {
  /** The file, in the run directory, that lists every failure of the last session (replaced atomically). */
  public static final String FILE = "failures.txt";
  /** Items named per cause in the summary. */
  static final int EXAMPLES = 3;
  /** Causes listed per kind; the rest are counted in one line. */
  static final int CAUSES = 5;
  private static final Pattern PATH = Pattern.compile("(?<=^|[\\s(])/[^\\s,;)]+");

  /** One failed item: its kind ("generation", "scoring"), the item and the cause as its exception said it. */
  record Failure(String kind, String item, String cause) {}

  private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  private final PrintWriter err;
  private final Map<String, Boolean> firstSaid = new java.util.concurrent.ConcurrentHashMap<>();

  /** @param err where the first failure of each kind is said at once (the rest wait for the summary) */
  public FailureLog(PrintWriter err) {
    this.err = err;
  }

  /** Records a failure; the first of its kind is said at once, so a watching user need not wait for the end. */
  public void add(String kind, String item, String cause) {
    failures.add(new Failure(kind, item, cause));
    if (firstSaid.putIfAbsent(kind, true) == null) {
      err.println("first " + kind + " failure: " + item + ": " + cause + " (further ones are counted; a summary by"
          + " cause follows at the end)");
    }
  }

  public boolean isEmpty() {
    return failures.isEmpty();
  }

  /** The cause with its file paths left out, so one cause seen on many items is counted as one. */
  static String causeKey(String cause) {
    return PATH.matcher(cause == null ? "(no message)" : cause).replaceAll("<file>");
  }

  /**
   * Writes every failure to {@code runDir/}{@value #FILE} and prints the summary: per kind, counts by cause with
   * the first {@value #EXAMPLES} items, and where the full list is. Nothing is written when nothing failed.
   */
  public void report(Path runDir, String retry) throws IOException {
    if (failures.isEmpty()) {
      return;
    }
    List<Failure> all = new ArrayList<>(failures);
    StringBuilder file = new StringBuilder("# failures of the session that ended " + Instant.now()
        + " (kind, item, cause; tab-separated)\n");
    Map<String, Map<String, List<String>>> byKind = new LinkedHashMap<>();
    for (Failure f : all) {
      file.append(f.kind()).append('\t').append(f.item()).append('\t')
          .append(String.valueOf(f.cause()).replace('\n', ' ')).append('\n');
      byKind.computeIfAbsent(f.kind(), k -> new LinkedHashMap<>())
          .computeIfAbsent(causeKey(f.cause()), k -> new ArrayList<>()).add(f.item());
    }
    Path list = runDir.resolve(FILE);
    AtomicFiles.write(runDir, list, file.toString());
    for (var kind : byKind.entrySet()) {
      int n = kind.getValue().values().stream().mapToInt(List::size).sum();
      err.printf(Locale.ROOT, "%d %s%s failed this session (%s), by cause:%n", n, kind.getKey(), n == 1 ? "" : "s",
          retry);
      List<Map.Entry<String, List<String>>> causes = new ArrayList<>(kind.getValue().entrySet());
      causes.sort((a, b) -> b.getValue().size() - a.getValue().size());
      for (int i = 0; i < Math.min(CAUSES, causes.size()); i++) {
        List<String> items = causes.get(i).getValue();
        err.printf(Locale.ROOT, "  %6d  %s%n          e.g. %s%s%n", items.size(), causes.get(i).getKey(),
            String.join("; ", items.subList(0, Math.min(EXAMPLES, items.size()))),
            items.size() > EXAMPLES ? "; ..." : "");
      }
      if (causes.size() > CAUSES) {
        int rest = causes.subList(CAUSES, causes.size()).stream().mapToInt(e -> e.getValue().size()).sum();
        err.printf(Locale.ROOT, "  %6d  in %d other causes%n", rest, causes.size() - CAUSES);
      }
    }
    err.println("every failure: " + list);
    err.flush();
  }
}
