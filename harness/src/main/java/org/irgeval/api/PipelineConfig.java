package org.irgeval.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Command-line settings a pipeline may use.
 *
 * @param endpoints   {@code --endpoint} URLs
 * @param preset      {@code --preset} name, or null for the pipeline's default
 * @param concurrency requests in flight per endpoint
 * @param turns       image turns per trajectory; 0 = the pipeline's own default (e.g. its preset's count)
 * @param options     {@code --pipeline-opt key=value} entries
 * @param dataDir     the run's data root ({@code --data}), for pipelines that read official files from it
 * @param imagesDir   {@code --images DIR} for the images pipeline, or null
 * @param benchmarks  the registered benchmark of an id, for pipelines that need more than the prompt (its
 *                    official image layout, or an optional hook such as the reference pipeline's scene hints)
 */
public record PipelineConfig(List<URI> endpoints, String preset, int concurrency, int turns,
                             Map<String, String> options, Path dataDir, Path imagesDir,
                             Function<String, java.util.Optional<Benchmark>> benchmarks) {
  public PipelineConfig {
    endpoints = List.copyOf(endpoints);
    options = Map.copyOf(options);
  }
}
