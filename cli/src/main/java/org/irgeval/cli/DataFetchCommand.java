package org.irgeval.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.irgeval.api.Benchmark;
import org.irgeval.download.BenchmarkFetch;
import org.irgeval.download.Downloader;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code irg-eval data fetch [BENCHMARK...|all]}: downloads the public official files each benchmark declares
 * ({@link Benchmark#publicFiles}: pinned URL, size, SHA-256) into {@code <DIR>/<benchmark>/}, through the tool's one
 * bounded {@link Downloader}, verified and installed by {@link BenchmarkFetch}. The command names no benchmark.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Download the official files of benchmarks from their public sources at pinned commits (size and "
        + "SHA-256 verified, resumable, installed atomically into the layout 'data check' reads).")
public final class DataFetchCommand implements Callable<Integer> {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  @Parameters(arity = "0..*", paramLabel = "BENCHMARK",
      description = "Benchmark ids, or 'all' (the default): every registered benchmark.")
  List<String> benchmarks;

  @Option(names = "--to", paramLabel = "DIR",
      description = "Data root to write <DIR>/<benchmark>/ into (default: --data, $IRG_EVAL_DATA, then ./data).")
  Path to;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--mirror", paramLabel = "URL",
      description = "Download from a mirror of the data root instead of the official sources: <URL>/<benchmark>/<path>"
          + " (the hashes are checked all the same).")
  URI mirror;

  @Option(names = "--bench-opt", paramLabel = "BENCH.KEY=VALUE",
      description = "Benchmark option choosing the files (e.g. tiif.set=full, genai-bench.release=1600).")
  List<String> benchOptions;

  @Option(names = "--sha256", paramLabel = "PATH=HEX",
      description = "Expected SHA-256 of a file without a pinned one (PATH under the benchmark folder; repeatable).")
  List<String> sha256;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "4",
      description = "Tries per file; each retry resumes where the last stopped (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Connect timeout and the longest wait for the headers and for each read (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Time bound of each file's download, every attempt included (default: ${DEFAULT-VALUE}).")
  int maxTimeSeconds;

  @Option(names = "--max-size", paramLabel = "MIB", defaultValue = "1024",
      description = "Largest file accepted, in MiB, when its size is not known in advance (default: ${DEFAULT-VALUE}).")
  long maxSizeMib;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Registry registry = Registry.discover();
    List<Benchmark> chosen = new ArrayList<>();
    if (benchmarks == null || benchmarks.isEmpty() || benchmarks.contains("all")) {
      chosen.addAll(registry.benchmarks());
    } else {
      for (String id : benchmarks) {
        var b = registry.benchmarks().stream().filter(x -> x.id().equals(id)).findFirst();
        if (b.isEmpty()) {
          err.println("data fetch: unknown benchmark '" + id + "' (known: "
              + String.join(", ", registry.benchmarks().stream().map(Benchmark::id).toList()) + ", all)");
          return ExitCodes.UNUSABLE_INPUT;
        }
        chosen.add(b.get());
      }
    }
    var options = KeyValues.byPrefix(benchOptions, "--bench-opt");
    OptionCheck.benchmarkPrefixes(chosen.stream().map(Benchmark::id).toList(), options);
    Map<String, Map<String, String>> checked = new LinkedHashMap<>();
    chosen.forEach(b -> checked.put(b.id(), OptionCheck.benchmark(b, options.getOrDefault(b.id(), Map.of()))));
    Map<String, String> given = new LinkedHashMap<>();
    for (String kv : sha256 == null ? List.<String>of() : sha256) {
      int eq = kv.indexOf('=');
      String hex = eq < 0 ? "" : kv.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      if (eq <= 0 || !HEX64.matcher(hex).matches()) {
        throw new IllegalArgumentException("data fetch: --sha256 " + kv + ": expected PATH=<64 hex digits>");
      }
      given.put(kv.substring(0, eq), hex);
    }
    if (attempts < 1 || timeoutSeconds < 1 || maxTimeSeconds < 1 || maxSizeMib < 1) {
      throw new IllegalArgumentException("data fetch: --attempts, --timeout, --max-time and --max-size must be >= 1");
    }
    Path root = (to != null ? to : data.resolve()).toAbsolutePath();
    Files.createDirectories(root);
    Downloader downloader = new Downloader(new Downloader.Limits(Duration.ofSeconds(timeoutSeconds),
        Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(maxTimeSeconds), maxSizeMib << 20, attempts),
        "irg-eval data fetch");
    int failed = 0;
    for (Benchmark b : chosen) {
      BenchmarkFetch fetch = new BenchmarkFetch(downloader, mirror, given, line -> out.println(b.id() + "/" + line));
      BenchmarkFetch.Outcome o = fetch.fetch(b, root, checked.get(b.id()));
      o.failures().forEach(f -> err.println("data fetch: " + b.id() + ": " + f));
      if (o.loadError() != null) {
        err.println("data fetch: " + b.id() + ": installed, but the loader refuses the files: " + o.loadError());
      }
      if (o.ok()) {
        out.printf("%-12s %d files (%d downloaded, %d already present); %d prompts (%s) in %s%n", b.id(),
            o.installed() + o.present(), o.installed(), o.present(), o.prompts().prompts().size(),
            o.prompts().version(), root.resolve(b.id()));
      } else {
        failed++;
      }
      out.flush();
    }
    if (failed > 0) {
      err.println("data fetch: " + failed + " of " + chosen.size() + " benchmarks not fetched; nothing of them was"
          + " installed (run the command again to resume the partial downloads)");
      return ExitCodes.UNUSABLE_INPUT;
    }
    return ExitCodes.OK;
  }
}
