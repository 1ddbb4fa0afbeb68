package org.irgeval.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the CLI in-process and captures its output. */
final class CliTestSupport {
  record Result(int code, String out, String err) {}

  private CliTestSupport() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The official data folder that tests read ({@code ../shared/benchmarks}). */
  static Path shared() {
    return Path.of(System.getProperty("irgeval.shared.benchmarks", "../../shared/benchmarks"));
  }

  static List<String> lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }
}
