package org.irgeval.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.OptionSpec;
import org.irgeval.pipeline.reference.ReferenceScenes;
import org.irgeval.pipeline.reference.SceneHints;
import org.irgeval.pipeline.reference.SceneObject;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * A tiny in-memory benchmark for engine tests and the worked example of docs/adding-a-benchmark.md: N prompts in
 * categories "a" and "b" (alternating), each asking for one red object; overall = unweighted mean of the two
 * category means. It shows the required methods, one declared option, the failure rule of {@link #aggregate}
 * and the optional {@link ReferenceScenes} hook; its contract test is {@code ToyBenchmarkContractTest}.
 */
public final class ToyBenchmark implements Benchmark, ReferenceScenes {
  private final int n;
  private final int samples;
  private final String text;
  private final org.irgeval.api.ImageLayout layout;

  public ToyBenchmark(int n, int samples) {
    this(n, samples, "a red thing ");
  }

  /** @param text the prompt text before each prompt's number (tests put markup here to check escaping) */
  public ToyBenchmark(int n, int samples, String text) {
    this(n, samples, text, null);
  }

  private ToyBenchmark(int n, int samples, String text, org.irgeval.api.ImageLayout layout) {
    this.n = n;
    this.samples = samples;
    this.text = text;
    this.layout = layout;
  }

  /** The same benchmark with an official image layout, so runs export into it (tests of the exports). */
  public ToyBenchmark withLayout(org.irgeval.api.ImageLayout layout) {
    return new ToyBenchmark(n, samples, text, layout);
  }

  @Override
  public java.util.Optional<org.irgeval.api.ImageLayout> officialLayout() {
    return java.util.Optional.ofNullable(layout);
  }

  @Override
  public String id() {
    return "toy";
  }

  @Override
  public String title() {
    return "Toy";
  }

  @Override
  public String officialSource() {
    return "tests";
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) {
    List<Prompt> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cat = i % 2 == 0 ? "a" : "b";
      ps.add(new Prompt(String.format("%03d", i), i, text + i, cat, null));
    }
    Map<String, Integer> cats = new LinkedHashMap<>();
    cats.put("a", (n + 1) / 2);
    cats.put("b", n / 2);
    return new PromptSet("toy", options.getOrDefault("version", "v1"), ps, List.of(), cats);
  }

  /** Declared, so the harness refuses {@code --bench-opt toy.versoin=v2} and {@code toy.version=v3}. */
  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.choice("version", "v1 (default) or v2; recorded as the prompt-set version", "v1", "v2"));
  }

  /** One red object per prompt, coded by the prompt's index (what the toy scorer's reader sees). */
  @Override
  public java.util.function.Function<Prompt, SceneHints> sceneHints(Path dataDir) {
    return p -> new SceneHints(List.of(new SceneObject("thing", p.index() % 200, 1, "red", null, -1)), null);
  }

  @Override
  public int defaultSamples() {
    return samples;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> scored) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    int failures = 0;
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (ScoredSample s : scored) {
      if (s.score().failed()) {
        failures++;
        continue;
      }
      ids.add(s.prompt().id());
      double[] a = sums.computeIfAbsent(s.prompt().category(), k -> new double[2]);
      a[0] += s.score().value("correct");
      a[1]++;
    }
    Map<String, Double> cats = new LinkedHashMap<>();
    sums.forEach((k, v) -> cats.put(k, v[0] / v[1]));
    Double overall = cats.isEmpty() ? null : cats.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new VariantSummary(overall, ids.size(), scored.size() - failures, cats, Map.of(), failures, List.of());
  }

  /** Right (1) or wrong (0), so comparisons can count flips and run McNemar's test. */
  @Override
  public java.util.OptionalDouble imageScore(org.irgeval.api.ScoreRecord score) {
    return score.failed() ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(score.value("correct"));
  }

  @Override
  public boolean binaryImageScore() {
    return true;
  }

  @Override
  public PaperTable paperTable() {
    return new PaperTable("Toy", List.of(new PaperTable.Column("A", "a"), new PaperTable.Column("Overall", "overall")),
        1, 2, Map.of());
  }
}
