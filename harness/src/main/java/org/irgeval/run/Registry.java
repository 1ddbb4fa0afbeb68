package org.irgeval.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.ScorerProvider;

/**
 * The plugins found on the class path with {@link ServiceLoader}: benchmarks, pipelines and scorers. The
 * harness learns every benchmark name from here and from nowhere else.
 */
public final class Registry {
  private final Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
  private final Map<String, PipelineProvider> pipelines = new LinkedHashMap<>();
  private final List<ScorerProvider> scorers = new ArrayList<>();

  /** A registry of the given plugins (tests, embedding); ids must be unique per kind. */
  public Registry(Iterable<Benchmark> benchmarks, Iterable<PipelineProvider> pipelines,
                  Iterable<ScorerProvider> scorers) {
    for (Benchmark b : benchmarks) {
      register(this.benchmarks, b.id(), b, "benchmark");
    }
    for (PipelineProvider p : pipelines) {
      register(this.pipelines, p.id(), p, "pipeline");
    }
    Map<String, ScorerProvider> byName = new LinkedHashMap<>();
    for (ScorerProvider s : scorers) {
      for (String name : s.describe().names()) { // an alias is a name too: it must be unique
        register(byName, name, s, "scorer");
      }
      this.scorers.add(s);
    }
  }

  /** The plugins registered in {@code META-INF/services} on the class path. */
  public static Registry discover() {
    ClassLoader loader = Registry.class.getClassLoader();
    return new Registry(ServiceLoader.load(Benchmark.class, loader), ServiceLoader.load(PipelineProvider.class, loader),
        ServiceLoader.load(ScorerProvider.class, loader));
  }

  private static <T> void register(Map<String, T> map, String id, T value, String kind) {
    T old = map.putIfAbsent(id, value);
    if (old != null) {
      throw new IllegalStateException("two " + kind + " plugins share the id '" + id + "': "
          + old.getClass().getName() + " and " + value.getClass().getName());
    }
  }

  /** Benchmarks sorted by id. */
  public List<Benchmark> benchmarks() {
    return benchmarks.values().stream().sorted(Comparator.comparing(Benchmark::id)).toList();
  }

  public Optional<Benchmark> benchmark(String id) {
    return Optional.ofNullable(benchmarks.get(id));
  }

  public List<PipelineProvider> pipelines() {
    return List.copyOf(pipelines.values());
  }

  public Optional<PipelineProvider> pipeline(String id) {
    return Optional.ofNullable(pipelines.get(id));
  }

  public List<ScorerProvider> scorers() {
    return List.copyOf(scorers);
  }

  public List<ScorerProvider> scorersFor(String benchmark) {
    return scorers.stream().filter(s -> s.benchmarks().contains(benchmark)).toList();
  }

  /**
   * The scorer to use: the one named (by its id or a former id, {@link org.irgeval.api.ScorerDescription#aliases()});
   * else, for a plumbing pipeline, a judge scorer when a judge is configured
   * (a reference run judged by a real VLM is a legitimate smoke test of the judge), then the benchmark's plumbing
   * scorer; else the non-plumbing scorer with the highest priority.
   *
   * @param judgeConfigured whether the run has {@code --judge-url}
   */
  public Optional<ScorerProvider> chooseScorer(String benchmark, String named, boolean plumbingPipeline,
                                               boolean judgeConfigured) {
    List<ScorerProvider> mine = scorersFor(benchmark);
    if (named != null) {
      return mine.stream().filter(s -> s.describe().answersTo(named)).findFirst();
    }
    Comparator<ScorerProvider> byPriority = Comparator.comparingInt(ScorerProvider::priority);
    if (plumbingPipeline && judgeConfigured) {
      Optional<ScorerProvider> j = mine.stream().filter(s -> !s.plumbing() && s.usesJudge()).max(byPriority);
      if (j.isPresent()) {
        return j;
      }
    }
    if (plumbingPipeline) {
      Optional<ScorerProvider> p = mine.stream().filter(ScorerProvider::plumbing).findFirst();
      if (p.isPresent()) {
        return p;
      }
    }
    return mine.stream().filter(s -> !s.plumbing()).max(byPriority);
  }
}
