package org.irgeval.testkit;

import java.util.List;
import java.util.Map;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Pipeline;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.PipelineProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;

/**
 * The reference pipeline with a test's twist around each generation (a failure, a damaged PNG, a wait): engine tests
 * say only what differs. Plumbing, like the reference pipeline; its options are the reference pipeline's.
 */
public final class WrappedReference implements PipelineProvider {
  /** What one generation does, given the request and the reference pipeline. */
  @FunctionalInterface
  public interface Step {
    Generation generate(GenerationRequest request, Pipeline reference) throws Exception;
  }

  private final String id;
  private final int parallelism;
  private final Step step;
  private final ReferencePipelineProvider ref = new ReferencePipelineProvider();

  /** @param parallelism generations at once (1: in plan order) */
  public WrappedReference(String id, int parallelism, Step step) {
    this.id = id;
    this.parallelism = parallelism;
    this.step = step;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "the reference pipeline, wrapped by a test";
  }

  @Override
  public List<OptionSpec> options() {
    return ref.options();
  }

  @Override
  public Pipeline open(PipelineConfig config) throws Exception {
    Pipeline inner = ref.open(config);
    return new Pipeline() {
      @Override
      public Map<String, Object> settings() {
        return inner.settings();
      }

      @Override
      public boolean plumbing() {
        return true;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public Generation generate(GenerationRequest r) throws Exception {
        return step.generate(r, inner);
      }
    };
  }
}
