package org.irgeval.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.irg.Preset;
import org.irgeval.run.Registry;
import picocli.CommandLine.Command;

/** {@code irg-eval list}: what the class path provides. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered benchmarks, pipelines and scorers.")
public final class ListCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Registry r = Registry.discover();
    PrintWriter out = spec.commandLine().getOut();
    out.println("Benchmarks:");
    for (Benchmark b : r.benchmarks()) {
      out.printf("  %-12s %s (%d image(s) per prompt)%n", b.id(), b.title(), b.defaultSamples());
      b.optionHelp().forEach((k, v) -> out.printf("               --bench-opt %s.%s=...  %s%n", b.id(), k, v));
    }
    out.println("Pipelines:");
    for (PipelineProvider p : r.pipelines()) {
      out.printf("  %-12s %s%n", p.id(), p.description());
    }
    out.println("Presets (--pipeline irg --preset NAME; values and sources: docs/presets.md):");
    for (String name : Preset.NAMES) {
      Preset p = Preset.load(name);
      out.printf("  %-16s %s%s%n", name, p.description(), name.equals(Preset.DEFAULT) ? " [default]" : "");
    }
    out.println("Scorers:");
    for (ScorerProvider s : r.scorers()) {
      out.printf("  %-22s for %-12s %s%s%n", s.id(), s.benchmark(), s.description(), s.plumbing() ? " [plumbing]" : "");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
