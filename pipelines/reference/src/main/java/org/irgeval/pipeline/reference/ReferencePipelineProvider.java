package org.irgeval.pipeline.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.GenerationEstimate;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;

/**
 * {@code --pipeline reference} (the default of the embedded demo). Its {@code delay-ms} adds latency per turn, to
 * exercise concurrency, progress and crash recovery the way a slow GPU back end would.
 */
public final class ReferencePipelineProvider implements PipelineProvider {
  @Override
  public String id() {
    return "reference";
  }

  @Override
  public String description() {
    return "CPU reference pipeline (Java2D, seeded mistakes, reflection by reading its own drawing): plumbing check, not a model";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("mistake-rate", OptionSpec.Type.FRACTION,
            "chance of each deliberate turn-1 mistake (default " + MistakeModel.DEFAULT.rate() + ")"),
        OptionSpec.of("reflection-mistake-rate", OptionSpec.Type.FRACTION,
            "chance of each mistake when re-drawing after reflection (default "
                + MistakeModel.DEFAULT.reflectionRate() + ")"),
        OptionSpec.of("delay-ms", OptionSpec.Type.NON_NEGATIVE_INT, "latency added to every turn (default 0)"));
  }

  /** CPU drawings (no GPU), small PNGs; two turns unless --turns says otherwise. */
  @Override
  public Optional<GenerationEstimate> estimate(PipelineConfig config) {
    return Optional.of(new GenerationEstimate(config.turns() > 0 ? config.turns() : 2, 0, 20_000, true,
        "CPU reference pipeline (no GPU)"));
  }

  @Override
  public Pipeline open(PipelineConfig config) {
    Map<String, String> o = config.options();
    double rate = Double.parseDouble(o.getOrDefault("mistake-rate", String.valueOf(MistakeModel.DEFAULT.rate())));
    double refl = Double.parseDouble(o.getOrDefault("reflection-mistake-rate",
        String.valueOf(MistakeModel.DEFAULT.reflectionRate())));
    long delay = Long.parseLong(o.getOrDefault("delay-ms", "0").trim());
    return new ReferencePipeline(new MistakeModel(rate, refl), Runtime.getRuntime().availableProcessors(), delay,
        ReferenceScenes.lookup(config.benchmarks(), config.dataDir()));
  }
}
