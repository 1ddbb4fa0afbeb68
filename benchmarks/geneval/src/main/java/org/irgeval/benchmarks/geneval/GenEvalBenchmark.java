package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * GenEval (Ghosh et al., NeurIPS 2023 D&amp;B), scored as djghosh13/geneval@af4902f does. The module's roles:
 * {@link GenEvalPromptLoader} (prompts/evaluation_metadata.jsonl), {@link GenEvalAggregator} (summary_scores.py),
 * {@link GenEvalPaperTable}, {@link GenEvalImageLayout} (the official image folders),
 * {@link GenEvalResultsImporter} / {@link GenEvalResultsExporter} (results.jsonl), and the scorer providers
 * {@link GenEvalDjlScorerProvider}, {@link GenEvalRecordedScorerProvider} and {@link GenEvalPlumbingScorerProvider}
 * (the evaluate_images.py rules, {@code rules/}, on three kinds of observations; the shared scorer in
 * {@code scoring/}, the DJL models in {@code djl/}). See docs/geneval.md.
 */
public final class GenEvalBenchmark implements Benchmark, ReferenceScenes {
  public static final String ID = "geneval";
  /** Bench option choosing the metadata file. */
  public static final String OPTION_PROMPTS = "prompts";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "GenEval";
  }

  @Override
  public String officialSource() {
    return "https://github.com/djghosh13/geneval (prompts/, evaluation/object_names.txt)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.choice(OPTION_PROMPTS, "original (prompts/evaluation_metadata.jsonl) or"
        + " rewritten (BAGEL's prompts/evaluation_metadata_long.jsonl; recorded as the prompt-set version)",
        PromptFile.ORIGINAL.version(), PromptFile.REWRITTEN.version()));
  }

  /** djghosh13/geneval@af4902f; the rewritten prompts from ByteDance-Seed/Bagel@056b5fd eval/gen/geneval/prompts/. */
  @Override
  public List<PublicFile> publicFiles(Map<String, String> options) {
    return PublicFile.listed(GenEvalBenchmark.class, "public-files.tsv",
        Set.of(OPTION_PROMPTS + "=" + PromptFile.ofOption(options.get(OPTION_PROMPTS)).version()));
  }

  /** 553 lines of evaluation_metadata.jsonl (BAGEL's rewritten file has the same 553). */
  @Override
  public OptionalInt officialPromptCount(Map<String, String> options) {
    return OptionalInt.of(553);
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    return new GenEvalPromptLoader().load(dataDir, PromptFile.ofOption(options.get(OPTION_PROMPTS)));
  }

  /** README "generate 4 images per prompt"; diffusers_generate.py {@code --n_samples} default 4. */
  /** {@code correct} is the official 0/1 judgement (evaluate_images.py's {@code correct}). */
  @Override
  public Optional<ValueRange> valueRange(String name) {
    return name.equals(GenEvalAggregator.CORRECT) ? Optional.of(ValueRange.UNIT)
        : Optional.empty();
  }

  @Override
  public int defaultSamples() {
    return 4;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return new GenEvalAggregator().aggregate(prompts, samples);
  }

  /** evaluate_images.py's verdict of the image: correct (1) or not (0). */
  @Override
  public OptionalDouble imageScore(ScoreRecord score) {
    return score.failed() ? OptionalDouble.empty() : OptionalDouble.of(score.value("correct"));
  }

  /**
   * The rule's verdict with its reason and the detections it judged, from the official results.jsonl line
   * (evaluate_images.py: correct, reason, details).
   */
  @Override
  public List<Explanation> explain(ScoreRecord score) {
    List<Explanation> out = new ArrayList<>();
    JsonNode d = score.detail();
    if (!score.failed()) {
      String reason = d == null ? "" : d.path("reason").asText("");
      out.add(new Explanation("verdict", (score.value("correct") >= 0.5 ? "correct" : "wrong")
          + (reason.isBlank() ? "" : ": " + reason)));
    }
    if (d != null && d.hasNonNull("details")) {
      out.add(new Explanation("detections", d.path("details").isTextual()
          ? d.path("details").asText() : d.path("details").toString()));
    }
    if (score.error() != null) {
      out.add(new Explanation("error", score.error()));
    }
    return out;
  }

  @Override
  public boolean binaryImageScore() {
    return true;
  }

  @Override
  public PaperTable paperTable() {
    return GenEvalPaperTable.table();
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new GenEvalImageLayout());
  }

  /** {@link GenEvalResultsExporter}: the official per-image results. */
  @Override
  public Optional<OfficialResultsExporter> officialExporter() {
    return Optional.of(new GenEvalResultsExporter());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new GenEvalResultsImporter());
  }

  /** The include entries as scene objects (the reference pipeline draws them; geneval-plumbing reads them). */
  @Override
  public Function<Prompt, SceneHints> sceneHints(Path dataDir) throws DataException {
    return GenEvalPromptLoader.sceneHints(dataDir);
  }
}
