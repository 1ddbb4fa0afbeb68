package org.irgeval.pipeline.irg;

import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;

/**
 * {@code --pipeline irg}: HTTP client of the IRG server (pipelines/irg-server) or of the loopback simulator.
 * {@code --preset} picks a preset ({@link Preset#NAMES}, default {@value Preset#DEFAULT}); a {@code --turns}
 * of 0 or less means the preset's own number of turns.
 */
public final class IrgPipelineProvider implements PipelineProvider {
  public static final String ID = "irg";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "IRG / BAGEL over HTTP (--endpoint URL..., --preset " + String.join("|", Preset.NAMES)
        + ", --concurrency N per endpoint)";
  }

  @Override
  public java.util.List<org.irgeval.api.OptionSpec> options() {
    return IrgOptions.SPECS;
  }

  @Override
  public Pipeline open(PipelineConfig config) throws Exception {
    Preset preset = Preset.load(config.preset() == null ? Preset.DEFAULT : config.preset());
    int turns = config.turns() <= 0 ? preset.defaultTurns() : config.turns();
    return new IrgPipeline(preset, turns, config.endpoints(), config.concurrency(),
        IrgOptions.parse(config.options(), config.dataDir()));
  }
}
