package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * OneIG-Bench, English (Chang et al., arXiv:2506.07977; OneIG-Bench/OneIG-Benchmark@41b4983), scored as its
 * {@code scripts/} do. The module's roles: {@link OneIgPromptLoader} (prompts, Q&D, text GT, reasoning answers, styles,
 * reference embeddings), {@link OneIgAggregator} (the five dimensions and the IRG table's overall), {@link OneIgRules}
 * (per-tile rules), {@link OneIgPaperTable}, {@link OneIgImageLayout} with {@link OneIgGrid} (2x2 grids),
 * {@link OneIgResultsImporter} / {@link OneIgResultsExporter} with {@link OneIgRecorded} (recorded raw outputs, official
 * per-prompt CSVs), the composite scorer {@link OneIgScorer} (one {@link OneIgPart} per dimension) opened by
 * {@link OneIgJudgeScorerProvider}, {@link OneIgDjlScorerProvider}, {@link OneIgRecordedScorerProvider} and
 * {@link OneIgPlumbingScorerProvider}. Each of the four images of a prompt (four seeds, each its own trajectory) is one
 * sample = one tile. See docs/oneig.md.
 */
public final class OneIgBenchmark implements Benchmark, ReferenceScenes {
  public static final String ID = "oneig";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "OneIG-Bench (EN)";
  }

  @Override
  public String officialSource() {
    return OneIgPromptLoader.SOURCE + "; the VLM texts of scripts/utils/inference.py into oneig/templates/";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.of("model", OptionSpec.Type.TEXT, "the model folder of official grids"
        + " (images/<category>/<model>/) and the model column of official per-prompt CSVs to read (default: "
        + OneIgImageLayout.MODEL + " or the only one)"));
  }

  /** OneIG-Bench/OneIG-Benchmark@41b4983: the English prompt table and the scripts' per-dimension files. */
  @Override
  public List<PublicFile> publicFiles(Map<String, String> options) {
    return PublicFile.listed(OneIgBenchmark.class, "public-files.tsv", Set.of());
  }

  /** The 1120 rows of OneIG-Bench.csv (EN). */
  @Override
  public OptionalInt officialPromptCount(Map<String, String> options) {
    return OptionalInt.of(1120);
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    return new OneIgPromptLoader().load(dataDir, options.get("model"));
  }

  /** Styled anime prompts, alignment questions per category, reasoning subjects. */
  @Override
  public Map<String, Object> dataFacts(PromptSet prompts) {
    Map<String, Object> facts = new LinkedHashMap<>();
    int styled = 0;
    Map<String, Integer> questions = new LinkedHashMap<>();
    Map<String, Integer> subjects = new LinkedHashMap<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    for (Prompt p : prompts.prompts()) {
      if (p.metadata().hasNonNull("style")) {
        styled++;
      }
      if (p.metadata().has("questions")) {
        questions.merge(p.category(), p.metadata().path("questions").size(), Integer::sum);
      }
      if (p.category().equals(OneIgCategory.REASONING.folder())) {
        subjects.merge(p.metadata().path("class").asText(), 1, Integer::sum);
      }
      types.merge(p.metadata().path("type").asText(), 1, Integer::sum);
    }
    facts.put("styled_prompts", styled);
    facts.put("alignment_questions", questions);
    facts.put("reasoning_subjects", subjects);
    facts.put("prompt_types", types);
    facts.put("style_references", "not read with the prompts (only a style embedding back end needs them;"
        + " docs/oneig.md section 1)");
    return facts;
  }

  /** Four images per prompt from four seeds, tiled 2x2 (README; utils.py l.14 default {@code --image_grid 2,2}). */
  /**
   * Alignment, text accuracy and the black-tile flag are fractions; reasoning and style are cosine similarities;
   * a diversity value is a DreamSim distance (1 - cosine, in [0, 2]); text counts are non-negative (docs/oneig.md).
   */
  @Override
  public Optional<ValueRange> valueRange(String name) {
    if (name.startsWith(OneIgAggregator.DIV_DISTANCE)) {
      return Optional.of(new ValueRange(0, 2));
    }
    return switch (name) {
      case OneIgAggregator.BLACK, OneIgAggregator.ALIGNMENT, OneIgAggregator.TEXT, OneIgAggregator.TEXT_CR,
           OneIgAggregator.TEXT_WAC -> Optional.of(ValueRange.UNIT);
      case OneIgAggregator.REASONING, OneIgAggregator.STYLE -> Optional.of(ValueRange.COSINE);
      case OneIgAggregator.TEXT_ED, OneIgAggregator.TEXT_MATCHED, OneIgAggregator.TEXT_GT_WORDS ->
          Optional.of(ValueRange.NON_NEGATIVE);
      default -> Optional.empty();
    };
  }

  @Override
  public int defaultSamples() {
    return OneIgGrid.TILES;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return new OneIgAggregator().aggregate(prompts, samples);
  }

  @Override
  public PaperTable paperTable() {
    return OneIgPaperTable.table();
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new OneIgImageLayout());
  }

  /** {@link OneIgResultsExporter}: the official per-image results. */
  @Override
  public Optional<OfficialResultsExporter> officialExporter() {
    return Optional.of(new OneIgResultsExporter());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new OneIgResultsImporter());
  }

  /**
   * The tile's scores per dimension, then what the scorer read from it (OneIG's recorded per-tile format): the
   * VLM's answer per question id, the OCR text, an all-black tile.
   */
  @Override
  public List<Explanation> explain(ScoreRecord score) {
    List<Explanation> out = new ArrayList<>();
    score.values().forEach((k, v) -> out.add(new Explanation(k, String.format(Locale.ROOT,
        "%.4f", v))));
    JsonNode tile = score.detail() == null ? null : score.detail().path("tile");
    if (tile != null && !tile.isMissingNode()) {
      if (tile.path("black").asBoolean(false)) {
        out.add(new Explanation("tile", "all black (scored as OneIG scores a missing image)"));
      }
      tile.path("answers").fields().forEachRemaining(e -> out.add(new Explanation(
          "question " + e.getKey(), "answer: " + e.getValue().asText())));
      if (tile.hasNonNull("ocr")) {
        out.add(new Explanation("OCR", tile.path("ocr").asText()));
      }
    }
    if (score.error() != null) {
      out.add(new Explanation("error", score.error()));
    }
    return out;
  }

  @Override
  public Function<Prompt, SceneHints> sceneHints(Path dataDir) {
    return OneIgSceneHints::of;
  }
}
