package org.irgeval.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.PipelineConfig;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.run.Registry;
import org.irgeval.run.RunConfig;
import org.irgeval.run.RunEngine;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;

/** Real run directories of the toy benchmark, made by the engine with the reference pipeline. */
final class ToyRuns {
  final Registry registry;

  ToyRuns(ToyBenchmark toy) {
    this(toy, new ToyScorer("v1"));
  }

  /** Runs scored by {@code scorer} (e.g. {@link #judged}, another back end than the toy scorer). */
  ToyRuns(ToyBenchmark toy, ScorerProvider scorer) {
    registry = new Registry(List.of(toy), List.of(new ReferencePipelineProvider()), List.of(scorer));
  }

  /** The toy scorer's verdicts under another id and a judge's fingerprint: a run scored by another back end. */
  static ScorerProvider judged() {
    ToyScorer toy = new ToyScorer("toy-judge/1 model=judge-vlm-7b protocol=yes-no");
    return new ScorerProvider() {
      @Override
      public ScorerDescription describe() {
        return ScorerDescription.of("toy-judge", "toy", ScorerDescription.Kind.JUDGE,
            "the toy scorer, posing as a judge");
      }

      @Override
      public Scorer open(ScorerContext context) {
        return toy.open(context);
      }
    };
  }

  /** A run of every toy prompt; mistake rates in [0, 1] make it better or worse. */
  Path run(Path dir, long seed, double mistakeRate, double reflectionMistakeRate) throws Exception {
    PipelineConfig pc = new PipelineConfig(List.of(), null, 1, 2, Map.of("mistake-rate", Double.toString(mistakeRate),
        "reflection-mistake-rate", Double.toString(reflectionMistakeRate)), dir, null, registry::benchmark);
    RunConfig cfg = RunConfig.at(dir).data(dir).benchmarks(List.of("toy")).pipeline("reference", pc).seed(seed)
        .argv(List.of("test")).build();
    new RunEngine(registry, (s, d) -> {
      throw new AssertionError("no judge");
    }, new PrintWriter(new StringWriter())).run(cfg);
    return dir;
  }
}
