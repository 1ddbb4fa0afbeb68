package org.irgeval.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.irgeval.api.Benchmark;
import org.irgeval.api.ComputeDevice;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.PipelineProvider;
import org.irgeval.api.ScorerProvider;

/**
 * The one place where {@code --bench-opt}, {@code --scorer-opt} and {@code --pipeline-opt} are checked against
 * what the benchmark, scorer or pipeline declares ({@link OptionSpec}). A key nobody declares or a value the
 * declaration does not allow is an {@link IllegalArgumentException} that names the option and lists the valid
 * keys; plugins then read only checked, trimmed values.
 */
public final class OptionCheck {
  /** {@code --scorer-opt concurrency}: the one declaration. */
  public static final OptionSpec CONCURRENCY = OptionSpec.of("concurrency", OptionSpec.Type.POSITIVE_INT,
      "images scored at once per scorer (default: the scorer's own, irg-eval list shows it)");
  /** Where model back ends run; the one declaration of {@code device} (judge and recorded scorers ignore it). */
  public static final OptionSpec DEVICE = OptionSpec.choice("device", "where model back ends (DJL) run; a CUDA"
      + " export needs gpu", ComputeDevice.ids().toArray(String[]::new));
  /** {@code --scorer-opt} keys the harness parses itself, for every scorer. */
  public static final List<OptionSpec> SHARED_SCORER_OPTIONS = List.of(CONCURRENCY, DEVICE);

  private OptionCheck() {}

  /** {@code --bench-opt <id>.KEY=VALUE} of one benchmark, checked and trimmed. */
  public static Map<String, String> benchmark(Benchmark b, Map<String, String> given) {
    return check("--bench-opt " + b.id() + ".", "benchmark " + b.id(), b.options(), given);
  }

  /**
   * Every {@code --bench-opt} prefix must name a benchmark of this run (an option for a benchmark that is not run
   * would be silently ignored).
   */
  public static void benchmarkPrefixes(Collection<String> benchmarks, Map<String, Map<String, String>> given) {
    for (Map.Entry<String, Map<String, String>> e : given.entrySet()) {
      if (!benchmarks.contains(e.getKey())) {
        String k = e.getKey() + "." + e.getValue().keySet().iterator().next();
        throw new IllegalArgumentException("--bench-opt " + k + ": '" + e.getKey()
            + "' is not a benchmark of this command (benchmarks: " + String.join(", ", benchmarks) + ")");
      }
    }
  }

  /** {@code --pipeline-opt KEY=VALUE}, checked and trimmed. */
  public static Map<String, String> pipeline(PipelineProvider p, Map<String, String> given) {
    return check("--pipeline-opt ", "pipeline " + p.id(), p.options(), given);
  }

  /**
   * {@code --scorer-opt KEY=VALUE}: shared by all scorers of a run, so a key is valid when the harness or one of
   * the {@code chosen} scorers declares it.
   */
  public static ScorerOptions scorers(Collection<ScorerProvider> chosen, Map<String, String> given) {
    List<OptionSpec> all = new ArrayList<>(SHARED_SCORER_OPTIONS);
    for (ScorerProvider s : chosen) {
      all.addAll(s.options());
    }
    String owner = chosen.isEmpty() ? "the harness (no scorer in this run)"
        : "scorer " + String.join(", ", chosen.stream().map(ScorerProvider::id).distinct().toList());
    Map<String, String> ok = check("--scorer-opt ", owner, all, given);
    Map<String, String> specific = new LinkedHashMap<>(ok);
    String c = specific.remove(CONCURRENCY.key());
    specific.remove(DEVICE.key());
    return new ScorerOptions(c == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(c)),
        ComputeDevice.of(DEVICE.text(ok)), specific);
  }

  /**
   * The scorer options of a run after the check.
   *
   * @param concurrency the shared {@code concurrency}, if given
   * @param device      the shared {@code device}
   * @param specific    the remaining keys, read by the scorers that declare them
   */
  public record ScorerOptions(OptionalInt concurrency, ComputeDevice device, Map<String, String> specific) {
    public ScorerOptions {
      specific = Map.copyOf(specific);
    }

    /** The context {@code p} opens in: its own keys, the shared concurrency (else its default), the device. */
    public ScorerContext context(ScorerProvider p, java.nio.file.Path dataDir, java.nio.file.Path cacheDir,
                                 java.util.Optional<JudgeFactory> judges, PromptSet prompts) {
      return new ScorerContext(dataDir, of(p), cacheDir, judges, prompts,
          concurrency.orElse(p.describe().concurrency()), device);
    }

    /** The keys {@code p} declared (a scorer sees only its own). */
    public Map<String, String> of(ScorerProvider p) {
      Map<String, String> mine = new LinkedHashMap<>();
      specific.forEach((k, v) -> {
        if (p.options().stream().anyMatch(o -> o.matches(k))) {
          mine.put(k, v);
        }
      });
      return mine;
    }
  }

  static Map<String, String> check(String flag, String owner, List<OptionSpec> declared, Map<String, String> given) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      OptionSpec spec = declared.stream().filter(o -> o.matches(e.getKey())).findFirst().orElse(null);
      if (spec == null) {
        throw new IllegalArgumentException(flag + e.getKey() + ": unknown option of " + owner + "; "
            + (declared.isEmpty() ? "it takes none" : "valid keys: " + usage(declared)));
      }
      String problem = spec.problem(e.getValue());
      if (problem != null) {
        throw new IllegalArgumentException(flag + e.getKey() + "=" + e.getValue() + ": " + problem + " ("
            + spec.help() + ")");
      }
      out.put(e.getKey(), e.getValue().trim());
    }
    return out;
  }

  private static String usage(List<OptionSpec> declared) {
    return String.join(", ", declared.stream().map(OptionSpec::usage).distinct().toList());
  }
}
