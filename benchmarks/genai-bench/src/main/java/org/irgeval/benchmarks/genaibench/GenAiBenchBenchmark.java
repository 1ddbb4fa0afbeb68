package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.Explanation;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.PaperTable;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.PublicFile;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.ValueRange;
import org.irgeval.api.VariantSummary;
import org.irgeval.pipeline.reference.ReferenceScenes;
import org.irgeval.pipeline.reference.SceneHints;

/**
 * GenAI-Bench (image; Li et al. 2024, Lin et al. "VQAScore" 2024; linzhiqiu/t2v_metrics), scored by VQAScore.
 * Option {@code release=527|1600} ({@link GenAiBenchRelease}). The module's roles: {@link GenAiBenchPromptLoader},
 * {@link GenAiBenchAggregator} (evaluate.py show_performance_per_skill) with {@link HumanAgreement}
 * (genai_image_eval.py), {@link GenAiBenchPaperTable}, {@link GenAiBenchImageLayout}
 * ({@code <gen_model>/<prompt_idx>.jpeg}), {@link GenAiBenchResultsImporter} / {@link GenAiBenchResultsExporter}
 * (per-prompt CSV), scorers {@link GenAiBenchJudgeScorerProvider} ({@code genai-bench-judge}),
 * {@link GenAiBenchDjlScorerProvider} ({@code genai-bench-djl}), {@link GenAiBenchRecordedScorerProvider}
 * ({@code genai-bench-recorded}) and {@link GenAiBenchPlumbingScorerProvider} ({@code genai-bench-plumbing});
 * reference-pipeline scenes from the prompt's words ({@link GenAiBenchScenes}).
 * See docs/genai-bench.md.
 */
public final class GenAiBenchBenchmark implements Benchmark, ReferenceScenes {
  public static final String ID = "genai-bench";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "GenAI-Bench";
  }

  @Override
  public String officialSource() {
    return "https://github.com/linzhiqiu/t2v_metrics (genai_bench/); data " + GenAiBenchRelease.R527.source()
        + " and " + GenAiBenchRelease.R1600.source();
  }

  /** {@code --bench-opt genai-bench.release}. */
  static final OptionSpec RELEASE = OptionSpec.choice("release", "527 (the VQAScore paper's set,"
      + " genai_image_527_with_human_ratings.json + optional genai_skills_527.json) or 1600 (the GenAI-Bench"
      + " paper's set, genai_image.json + genai_skills.json)", GenAiBenchRelease.R527.id(),
      GenAiBenchRelease.R1600.id());

  @Override
  public List<OptionSpec> options() {
    return List.of(RELEASE);
  }

  /**
   * The 527 set's file is t2v_metrics@60ce07b genai_image.json (pinned, hashed); the 1600 set's two files are the
   * hub's {@code resolve/main} (t2v_metrics@6ecb74f dataset.py l.1266-1275), for which no hash is published.
   */
  @Override
  public List<PublicFile> publicFiles(Map<String, String> options) {
    return PublicFile.listed(GenAiBenchBenchmark.class, "public-files.tsv",
        Set.of("release=" + options.getOrDefault("release", GenAiBenchRelease.R527.id())));
  }

  /** The 527 set (VQAScore paper) or the 1600 set (GenAI-Bench paper). */
  @Override
  public OptionalInt officialPromptCount(Map<String, String> options) {
    return OptionalInt.of(options.getOrDefault("release", GenAiBenchRelease.R527.id()).equals("1600") ? 1600 : 527);
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    GenAiBenchRelease release = GenAiBenchRelease.byId(RELEASE.text(options)).orElseThrow();
    return new GenAiBenchPromptLoader().load(dataDir, release);
  }

  /** One image per prompt (genai_bench/generate.py l.124 {@code num_images_per_prompt=1}). */
  /** VQAScore is P("Yes") in [0, 1]; the human ratings are on the paper's 1-5 Likert scale. */
  @Override
  public Optional<ValueRange> valueRange(String name) {
    return switch (name) {
      case GenAiBenchAggregator.SCORE -> Optional.of(ValueRange.UNIT);
      case GenAiBenchAggregator.HUMAN -> Optional.of(new ValueRange(1, 5));
      default -> Optional.empty();
    };
  }

  @Override
  public int defaultSamples() {
    return 1;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return GenAiBenchAggregator.aggregate(prompts, samples);
  }

  /** The image's VQAScore (P("Yes"), 0-1). */
  @Override
  public OptionalDouble imageScore(ScoreRecord score) {
    return score.failed() || !score.values().containsKey(GenAiBenchAggregator.SCORE) ? OptionalDouble.empty()
        : OptionalDouble.of(score.value(GenAiBenchAggregator.SCORE));
  }

  /** VQAScore's P(yes) of the image, and who gave it (the judge model, or the recorded scorer's rule). */
  @Override
  public List<Explanation> explain(ScoreRecord score) {
    List<Explanation> out = new ArrayList<>();
    if (score.values().containsKey(GenAiBenchAggregator.SCORE)) {
      out.add(new Explanation("P(yes)", String.format(Locale.ROOT, "%.4f",
          score.value(GenAiBenchAggregator.SCORE))));
    }
    JsonNode d = score.detail();
    if (d != null) {
      for (String k : List.of("judge_model", "rule", "top_logprobs", "judge_note", "plumbing_note")) {
        if (d.hasNonNull(k)) {
          out.add(new Explanation(k.replace('_', ' '), d.path(k).isTextual() ? d.path(k).asText()
              : d.path(k).toString()));
        }
      }
    }
    if (score.error() != null) {
      out.add(new Explanation("error", score.error()));
    }
    return out;
  }

  @Override
  public PaperTable paperTable() {
    return GenAiBenchPaperTable.table();
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new GenAiBenchImageLayout());
  }

  /** {@link GenAiBenchResultsExporter}: the official per-image results. */
  @Override
  public Optional<OfficialResultsExporter> officialExporter() {
    return Optional.of(new GenAiBenchResultsExporter());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new GenAiBenchResultsImporter());
  }

  @Override
  public Function<Prompt, SceneHints> sceneHints(Path dataDir) {
    return p -> GenAiBenchScenes.hints(p.text());
  }
}
