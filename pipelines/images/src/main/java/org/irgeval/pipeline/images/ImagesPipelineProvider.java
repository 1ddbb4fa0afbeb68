package org.irgeval.pipeline.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.irgeval.api.Benchmark;
import org.irgeval.api.GenerationEstimate;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;

/** {@code --pipeline images --images DIR [--pipeline-opt turn2=DIR]}. */
public final class ImagesPipelineProvider implements PipelineProvider {
  @Override
  public String id() {
    return "images";
  }

  @Override
  public String description() {
    return "images generated elsewhere, read from the benchmark's official layout (--images DIR; turn 2: --pipeline-opt turn2=DIR)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.family("turnK", "turn[2-9]", OptionSpec.Type.TEXT,
        "folder of turn-K images in the official layout (turn2=DIR, turn3=DIR, ...; turn 1 is --images DIR)"));
  }

  /** Reads images made elsewhere: no GPU here; one turn per folder given. */
  @Override
  public Optional<GenerationEstimate> estimate(PipelineConfig config) {
    return Optional.of(new GenerationEstimate(1 + config.options().size(), 0, 0, false,
        "images made elsewhere (no GPU here)"));
  }

  @Override
  public Pipeline open(PipelineConfig config) {
    Map<Integer, Path> dirs = new TreeMap<>();
    if (config.imagesDir() != null) {
      dirs.put(1, config.imagesDir());
    }
    config.options().forEach((k, v) -> dirs.put(Integer.parseInt(k.substring(4)), Path.of(v.trim())));
    if (!dirs.containsKey(1)) {
      throw new IllegalArgumentException("--pipeline images needs --images DIR (the turn-1 images)");
    }
    for (Map.Entry<Integer, Path> e : dirs.entrySet()) {
      if (!Files.isDirectory(e.getValue())) {
        throw new IllegalArgumentException("turn " + e.getKey() + " images: " + e.getValue() + " is not a directory");
      }
      if (e.getKey() > 1 && !dirs.containsKey(e.getKey() - 1)) {
        throw new IllegalArgumentException("turn" + e.getKey() + " images given without turn" + (e.getKey() - 1));
      }
    }
    return new ImagesPipeline(dirs, id -> config.benchmarks().apply(id).flatMap(Benchmark::officialLayout));
  }
}
