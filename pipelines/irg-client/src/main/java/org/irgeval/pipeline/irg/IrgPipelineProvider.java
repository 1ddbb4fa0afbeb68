package org.irgeval.pipeline.irg;

import java.util.Optional;
import org.irgeval.api.GenerationEstimate;
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

  /**
   * GPU seconds of the first turn (think + image) and of each further turn (reflection + image): the IRG authors'
   * latencies in their response to the reviewers, step 1 about 29.79 s and the full two-turn IRG about 60.58 s per
   * image (GPU not stated; quoted by secondary sources, docs/presets.md "GPU time per trajectory").
   */
  static final double FIRST_TURN_S = 29.79;
  static final double NEXT_TURN_S = 60.58 - 29.79;
  /**
   * BAGEL without thinking: one 1024px image, about 12 s on an H800 as a user reported it (Bagel issue #66; the
   * maintainers quote about 5 s without saying how they measured).
   */
  static final double PLAIN_S = 12;
  /** A 1024x1024 PNG of a model's picture, about 1.3 MB (docs/throughput.md, realistic payload). */
  static final long BYTES_PER_IMAGE = 1_400_000;

  @Override
  public Optional<GenerationEstimate> estimate(PipelineConfig config) {
    Preset preset = Preset.load(config.preset() == null ? Preset.DEFAULT : config.preset());
    int turns = config.turns() <= 0 ? preset.defaultTurns() : config.turns();
    boolean thinks = preset.mode() != Mode.PLAIN;
    double s = (thinks ? FIRST_TURN_S : PLAIN_S) + (turns - 1) * NEXT_TURN_S;
    return Optional.of(new GenerationEstimate(turns, s, BYTES_PER_IMAGE, false, thinks
        ? "IRG authors' latencies: " + FIRST_TURN_S + " s for turn 1, " + String.format(java.util.Locale.ROOT,
        "%.2f", NEXT_TURN_S) + " s per further turn (docs/presets.md)"
        : "BAGEL plain: ~" + PLAIN_S + " s per 1024px image (Bagel issue #66, H800; docs/presets.md)"));
  }

  @Override
  public Pipeline open(PipelineConfig config) throws Exception {
    Preset preset = Preset.load(config.preset() == null ? Preset.DEFAULT : config.preset());
    int turns = config.turns() <= 0 ? preset.defaultTurns() : config.turns();
    return new IrgPipeline(preset, turns, config.endpoints(), config.concurrency(),
        IrgOptions.parse(config.options(), config.dataDir()));
  }
}
