package org.irgeval.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link ScorerProvider} is, said once: the harness reads everything else it needs to choose, list, label
 * and run a scorer from here (docs/adding-a-benchmark.md, "Scorers").
 *
 * @param id          unique id, lower-case kebab (e.g. {@code my-bench-djl}); what {@code --scorer <benchmark>=<id>}
 *                    names and what a run directory records
 * @param benchmarks  the ids of the benchmarks it scores
 * @param description one line for {@code irg-eval list}; for a {@link Kind#PLUMBING} scorer also the note every
 *                    score it writes carries ({@code plumbing_note}), so it says what the numbers are not
 * @param kind        what back end it is
 * @param priority    among the non-plumbing scorers of a benchmark the highest is the default
 * @param concurrency images scored at once unless {@code --scorer-opt concurrency=N} says otherwise
 * @param aliases     former ids that still name it (a renamed scorer keeps its old name working)
 */
public record ScorerDescription(String id, Set<String> benchmarks, String description, Kind kind, int priority,
                                int concurrency, List<String> aliases) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** The kinds of scoring back end. */
  public enum Kind {
    /** A model the harness runs itself (DJL, ONNX). */
    MODEL,
    /** The run's OpenAI-compatible VLM judge ({@code --judge-url}). */
    JUDGE,
    /** Outputs an official script computed elsewhere (detections, answers, scores), read from a file. */
    RECORDED,
    /**
     * A check of the harness's own plumbing on the reference pipeline's drawings, never a model's score: the
     * embedded demo picks it, real runs never do by default, and the engine labels every score and fingerprint.
     */
    PLUMBING
  }

  public ScorerDescription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kind, "kind");
    benchmarks = Set.copyOf(benchmarks);
    aliases = List.copyOf(aliases);
    for (String name : names(id, aliases)) {
      if (!ID.matcher(name).matches()) {
        throw new IllegalArgumentException("scorer id '" + name + "' is not lower-case kebab");
      }
    }
    if (benchmarks.isEmpty()) {
      throw new IllegalArgumentException("scorer " + id + " scores no benchmark");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("scorer " + id + ": concurrency " + concurrency + " < 1");
    }
  }

  /** A scorer of one benchmark with priority 0, concurrency 1 and no alias; the withers below set the rest. */
  public static ScorerDescription of(String id, String benchmark, Kind kind, String description) {
    return new ScorerDescription(id, Set.of(benchmark), description, kind, 0, 1, List.of());
  }

  public ScorerDescription priority(int p) {
    return new ScorerDescription(id, benchmarks, description, kind, p, concurrency, aliases);
  }

  public ScorerDescription concurrency(int n) {
    return new ScorerDescription(id, benchmarks, description, kind, priority, n, aliases);
  }

  public ScorerDescription aliases(String... former) {
    return new ScorerDescription(id, benchmarks, description, kind, priority, concurrency, List.of(former));
  }

  /** True when {@code name} is its id or one of its aliases. */
  public boolean answersTo(String name) {
    return id.equals(name) || aliases.contains(name);
  }

  /** Its id followed by its aliases. */
  public List<String> names() {
    return names(id, aliases);
  }

  private static List<String> names(String id, List<String> aliases) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), aliases.stream()).toList();
  }
}
