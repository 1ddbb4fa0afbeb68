package org.irgeval.pipeline.reference;

import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;

/**
 * {@code --pipeline reference} (the default of the embedded demo). Options: {@code mistake-rate},
 * {@code reflection-mistake-rate}, {@code delay-ms} (added latency per turn, to exercise concurrency, progress and
 * crash recovery the way a slow GPU back end would).
 */
public final class ReferencePipelineProvider implements PipelineProvider {
  private static final java.util.List<String> OPTIONS =
      java.util.List.of("mistake-rate", "reflection-mistake-rate", "delay-ms");

  @Override
  public String id() {
    return "reference";
  }

  @Override
  public String description() {
    return "CPU reference pipeline (Java2D, seeded mistakes, reflection by reading its own drawing): plumbing check, not a model";
  }

  @Override
  public Pipeline open(PipelineConfig config) {
    for (String k : config.options().keySet()) {
      if (!OPTIONS.contains(k)) {
        throw new IllegalArgumentException("unknown --pipeline-opt '" + k + "' for the reference pipeline (known: "
            + OPTIONS + ")");
      }
    }
    double rate = Double.parseDouble(config.options().getOrDefault("mistake-rate", String.valueOf(MistakeModel.DEFAULT.rate())));
    double refl = Double.parseDouble(config.options().getOrDefault("reflection-mistake-rate",
        String.valueOf(MistakeModel.DEFAULT.reflectionRate())));
    long delay = Long.parseLong(config.options().getOrDefault("delay-ms", "0"));
    return new ReferencePipeline(new MistakeModel(rate, refl), Runtime.getRuntime().availableProcessors(), delay);
  }
}
