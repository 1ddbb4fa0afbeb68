package org.irgeval.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.irg.Preset;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import picocli.CommandLine.Command;

/** {@code irg-eval list}: what the class path provides. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered benchmarks, pipelines and scorers.")
public final class ListCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin
  JsonOption output = new JsonOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    Registry r = Registry.discover();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      JsonOption.print(out, listing(r));
      return ExitCodes.OK;
    }
    out.println("Benchmarks:");
    for (Benchmark b : r.benchmarks()) {
      out.printf("  %-12s %s (%d image(s) per prompt)%n", b.id(), b.title(), b.defaultSamples());
      b.options().forEach(o -> out.printf("               --bench-opt %s.%s=...  %s%n", b.id(), o.usage(), o.help()));
    }
    out.println("Pipelines:");
    for (PipelineProvider p : r.pipelines()) {
      out.printf("  %-12s %s%n", p.id(), p.description());
      p.options().forEach(o -> out.printf("               --pipeline-opt %s=...  %s%n", o.usage(), o.help()));
    }
    out.println("Presets (--pipeline irg --preset NAME; values and sources: docs/presets.md):");
    for (String name : Preset.NAMES) {
      Preset p = Preset.load(name);
      out.printf("  %-16s %s%s%n", name, p.description(), name.equals(Preset.DEFAULT) ? " [default]" : "");
    }
    out.println("Scorers:");
    for (ScorerProvider s : r.scorers()) {
      ScorerDescription d = s.describe();
      out.printf("  %-22s for %-12s %s [%s; %d at once%s]%n", d.id(), String.join(",", new TreeSet<>(d.benchmarks())),
          d.description(), d.kind().name().toLowerCase(java.util.Locale.ROOT), d.concurrency(),
          d.aliases().isEmpty() ? "" : "; also " + String.join(", ", d.aliases()));
      s.options().forEach(o -> out.printf("               --scorer-opt %s=...  %s%n", o.usage(), o.help()));
    }
    out.println("Scorer options of every scorer:");
    OptionCheck.SHARED_SCORER_OPTIONS.forEach(o -> out.printf("               --scorer-opt %s=...  %s%n", o.usage(),
        o.help()));
    out.flush();
    return ExitCodes.OK;
  }

  /** An option a plugin declares: how it is written and what it does. */
  record Opt(String usage, String help) {
    static List<Opt> of(List<? extends org.irgeval.api.OptionSpec> options) {
      return options.stream().map(o -> new Opt(o.usage(), o.help())).toList();
    }
  }

  record BenchmarkEntry(String id, String title, int defaultSamples, List<Opt> options) {}

  record PipelineEntry(String id, String description, List<Opt> options) {}

  record PresetEntry(String name, String description, boolean isDefault) {}

  record ScorerEntry(String id, List<String> benchmarks, String description, String kind, int concurrency,
                     List<String> aliases, List<Opt> options) {}

  /** The {@code --json} result: what the class path provides, as the text lists it. */
  record Listing(List<BenchmarkEntry> benchmarks, List<PipelineEntry> pipelines, List<PresetEntry> presets,
                 List<ScorerEntry> scorers, List<Opt> sharedScorerOptions) {}

  private static Listing listing(Registry r) {
    List<BenchmarkEntry> bs = r.benchmarks().stream()
        .map(b -> new BenchmarkEntry(b.id(), b.title(), b.defaultSamples(), Opt.of(b.options()))).toList();
    List<PipelineEntry> ps = r.pipelines().stream()
        .map(p -> new PipelineEntry(p.id(), p.description(), Opt.of(p.options()))).toList();
    List<PresetEntry> presets = Preset.NAMES.stream()
        .map(n -> new PresetEntry(n, Preset.load(n).description(), n.equals(Preset.DEFAULT))).toList();
    List<ScorerEntry> ss = r.scorers().stream().map(s -> {
      ScorerDescription d = s.describe();
      return new ScorerEntry(d.id(), List.copyOf(new TreeSet<>(d.benchmarks())), d.description(),
          d.kind().name().toLowerCase(java.util.Locale.ROOT), d.concurrency(), List.copyOf(d.aliases()),
          Opt.of(s.options()));
    }).toList();
    return new Listing(bs, ps, presets, ss, Opt.of(OptionCheck.SHARED_SCORER_OPTIONS));
  }
}
