package org.irgeval.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests reach the official benchmark files (which the project never ships). Looked up in
 * {@code $IRG_EVAL_DATA}, then in the folder the build names in the system property {@code irgeval.shared.benchmarks}
 * (the {@code benchmarks/} folder beside the repository, when there is one).
 *
 * <p>When the files are absent the calling test is skipped (not failed) with a message on stderr naming what was
 * skipped and how to run it, so a fresh clone's {@code mvn -B verify} is green. With {@code IRG_EVAL_REQUIRE_DATA=1}
 * (what {@code .ci/run} sets) an absent folder fails the test instead: CI never passes by skipping.
 */
public final class OfficialData {
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private OfficialData() {}

  /**
   * The data root that holds {@code <folder>/} (e.g. "geneval"), or the test is skipped.
   *
   * @param folder the benchmark's data folder
   */
  public static Path root(String folder) {
    List<Path> tried = new ArrayList<>();
    String env = System.getenv("IRG_EVAL_DATA");
    if (env != null && !env.isBlank()) {
      tried.add(Path.of(env));
    }
    String prop = System.getProperty("irgeval.shared.benchmarks");
    if (prop != null && !prop.isBlank()) {
      tried.add(Path.of(prop));
    }
    for (Path p : tried) {
      if (Files.isDirectory(p.resolve(folder))) {
        return p;
      }
    }
    String msg = "official data '" + folder + "/' not found (looked in " + (tried.isEmpty() ? "nothing"
        : tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList())
        + "): test needs the official files; run with IRG_EVAL_DATA=/path/to/benchmarks mvn -B verify";
    throw skip("data-dependent tests", folder, "no official " + folder + " data", msg);
  }

  /**
   * Skips the calling test for a missing input: one loud line per kind ({@code key}) and one per test on stderr;
   * under {@code IRG_EVAL_REQUIRE_DATA=1} (what .ci/run sets) it fails instead. Never returns normally; the
   * {@code throw} at the call site only tells the compiler so.
   *
   * @param what   what is skipped, e.g. "data-dependent tests"
   * @param key    announces {@code what} once per key
   * @param reason the per-test reason, e.g. "no official geneval data"
   * @param msg    what is missing and how to provide it
   */
  public static AssertionError skip(String what, String key, String reason, String msg) {
    if ("1".equals(System.getenv("IRG_EVAL_REQUIRE_DATA"))) {
      fail(msg + " (IRG_EVAL_REQUIRE_DATA=1: a missing input is a failure)");
    }
    if (ANNOUNCED.add(key)) {
      System.err.println("[irg-eval tests] SKIPPING " + what + ": " + msg);
    }
    System.err.println("[irg-eval tests] skipped " + caller() + " (" + reason + ")");
    Assumptions.abort(msg);
    return new AssertionError("unreachable");
  }

  private static String caller() {
    return StackWalker.getInstance().walk(s -> s.filter(f -> f.getClassName().endsWith("Test")).findFirst()
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
        .orElse("?"));
  }
}
