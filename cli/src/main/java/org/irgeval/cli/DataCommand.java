package org.irgeval.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import org.irgeval.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code irg-eval data}: work with the official data folder. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Work with the official benchmark data folder.",
    subcommands = {DataCommand.Check.class, DataFetchCommand.class})
public final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code irg-eval data check}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate the official files of every registered benchmark (or of --benchmarks) and count prompts per "
          + "category. Exit 2 when a benchmark checked is absent or has a malformed or missing file (file, line and "
          + "field are named).")
  public static final class Check implements Callable<Integer> {
    @Mixin
    DataDirOption data = new DataDirOption();

    @Option(names = "--json", description = "Print JSON: {\"benchmarks\": {ID: {\"prompts\": N, \"categories\": {...}}}}.")
    boolean json;

    @Option(names = "--benchmarks", split = ",", description = "Only these benchmarks (default: all registered).")
    List<String> only;

    @Option(names = "--bench-opt", paramLabel = "BENCH.KEY=VALUE", description = "Benchmark option (e.g. wise.version=verified).")
    List<String> benchOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Registry registry = Registry.discover();
      Path dir = data.resolve();
      var options = KeyValues.byPrefix(benchOptions, "--bench-opt");
      List<Benchmark> chosen = registry.benchmarks().stream().filter(b -> only == null || only.contains(b.id())).toList();
      OptionCheck.benchmarkPrefixes(chosen.stream().map(Benchmark::id).toList(), options);
      // Every option is checked before any file is read, so a typo is reported as such, not as a data error.
      var checked = new java.util.LinkedHashMap<String, java.util.Map<String, String>>();
      chosen.forEach(b -> checked.put(b.id(), OptionCheck.benchmark(b, options.getOrDefault(b.id(), java.util.Map.of()))));
      ObjectMapper mapper = Json.mapper();
      ObjectNode root = mapper.createObjectNode();
      ObjectNode benches = root.putObject("benchmarks");
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int failures = 0;
      for (Benchmark b : chosen) {
        ObjectNode e = benches.putObject(b.id());
        if (!Files.isDirectory(dir.resolve(b.id()))) {
          e.put("status", "absent");
          e.put("message", dir.resolve(b.id()) + " does not exist (get it with: irg-eval data fetch " + b.id()
              + " --to " + dir + "; official files: " + b.officialSource() + ")");
          failures++; // every benchmark checked was asked for (all of them without --benchmarks): absent is unusable
          continue;
        }
        try {
          PromptSet set = b.load(dir, checked.get(b.id()));
          e.put("prompts", set.prompts().size());
          e.put("version", set.version());
          b.dataFacts(set).forEach((k, v) -> e.set(k, mapper.valueToTree(v)));
          ObjectNode cats = e.putObject("categories");
          set.categories().forEach(cats::put);
          ObjectNode files = e.putObject("files");
          set.files().forEach(f -> files.put(f.path(), f.sha256()));
        } catch (DataException ex) {
          failures++;
          e.put("status", "error");
          e.put("error", ex.getMessage());
          err.println("data check: " + ex.getMessage());
        }
      }
      if (json) {
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      } else {
        benches.fields().forEachRemaining(en -> {
          var v = en.getValue();
          if (v.has("prompts")) {
            out.printf("%-12s %5d prompts (%s)%n", en.getKey(), v.get("prompts").asInt(), v.path("version").asText());
            v.fields().forEachRemaining(f -> {
              if (!List.of("prompts", "version", "categories", "files").contains(f.getKey())) {
                out.printf("    %-28s %s%n", f.getKey(), f.getValue());
              }
            });
            v.get("categories").fields().forEachRemaining(c -> out.printf("    %-28s %5d%n", c.getKey(), c.getValue().asInt()));
          } else {
            out.printf("%-12s %s: %s%n", en.getKey(), v.path("status").asText(),
                v.has("error") ? v.get("error").asText() : v.path("message").asText());
          }
        });
      }
      out.flush();
      return failures == 0 ? ExitCodes.OK : ExitCodes.UNUSABLE_INPUT;
    }
  }
}
