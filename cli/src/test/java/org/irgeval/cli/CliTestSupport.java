package org.irgeval.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.testkit.OfficialData;

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

  /**
   * The official data root holding every one of {@code folders} ({@link OfficialData}: the test is skipped when
   * they are absent).
   */
  static Path shared(String... folders) {
    Path root = null;
    for (String f : folders) {
      root = OfficialData.root(f);
    }
    return root;
  }

  static List<String> lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }
}
