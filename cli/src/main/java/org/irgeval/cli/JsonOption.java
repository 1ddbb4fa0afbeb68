package org.irgeval.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.irgeval.util.Json;
import picocli.CommandLine.Option;

/**
 * {@code --json}, shared by every command that has a result: the result is printed as one JSON document on stdout,
 * from the command's typed result record; everything else (progress, steps, notes, errors) stays on stderr, so
 * {@code irg-eval run ... --json | jq} always reads valid JSON.
 */
final class JsonOption {
  @Option(names = "--json",
      description = "Print the result as one JSON document on stdout (progress and messages stay on stderr).")
  boolean json;

  /** Prints {@code result} (a record) as pretty JSON on {@code out} and flushes. */
  static void print(PrintWriter out, Object result) throws IOException {
    out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    out.flush();
  }
}
