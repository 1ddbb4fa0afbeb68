package org.irgeval.benchmarks.tiif;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * TIIF-Bench (Wei et al., arXiv:2506.02161; A113N-W3I/TIIF-Bench@3aae750), scored as its {@code eval/} scripts
 * do. The module's roles: {@link TiifPromptLoader} (testmini / full prompts with their yes/no questions),
 * {@link TiifAggregator} (summary_results.py + summary_dimension_results.py), {@link TiifPaperTable},
 * {@link TiifImageLayout}, {@link TiifResultsImporter} / {@link TiifResultsExporter} (the per-image judge records),
 * {@link TiifJudgeScorerProvider} and {@link TiifPlumbingScorerProvider} (eval_with_vlm.py's judge call). See
 * docs/tiif.md.
 */
public final class TiifBenchmark implements Benchmark, ReferenceScenes {
  public static final String ID = "tiif";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "TIIF-Bench";
  }

  @Override
  public String officialSource() {
    return TiifPromptLoader.SOURCE + "; judge texts of eval/eval_with_vlm.py into tiif/judge_templates/";
  }

  static final OptionSpec SET = OptionSpec.choice("set", "testmini (277 prompts, the leaderboard's and the IRG"
      + " table's) or full (2538 prompts)", TiifSet.TESTMINI.id(), TiifSet.FULL.id());
  static final OptionSpec EVAL_FIX = OptionSpec.choice("eval_fix", "none or derived: read a full-set questions file"
      + " from tiif/" + TiifPromptLoader.DERIVED_FIX_DIR + "/ where one exists (TIIF issue #10)", "none", "derived");

  @Override
  public List<OptionSpec> options() {
    return List.of(SET, EVAL_FIX);
  }

  /**
   * A113N-W3I/TIIF-Bench@3aae750 data/: the chosen set's prompts and questions. The full set's comparison questions
   * there are the ones of TIIF issue #10 (the fix d875cd8 is not pinned here); {@code eval_fix=derived} reads a
   * derived file no public source has.
   */
  @Override
  public List<PublicFile> publicFiles(Map<String, String> options) {
    return PublicFile.listed(TiifBenchmark.class, "public-files.tsv",
        Set.of("set=" + TiifSet.of(options.getOrDefault("set", TiifSet.TESTMINI.id())).id()));
  }

  /** A short and a long prompt per line: testmini 277 lines, full 2538 (docs/tiif.md section 1.4). */
  @Override
  public OptionalInt officialPromptCount(Map<String, String> options) {
    return OptionalInt.of(2 * (TiifSet.of(options.getOrDefault("set", TiifSet.TESTMINI.id())) == TiifSet.FULL ? 2538 : 277));
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    return new TiifPromptLoader().load(dataDir, TiifSet.of(SET.text(options)), "derived".equals(EVAL_FIX.text(options)));
  }

  /**
   * The official counts: prompt lines (each gives a short and a long prompt), yes/no questions, and lines per
   * group (testmini: 277 lines, 1446 questions; full: 2538 and 12160; docs/tiif.md section 1.4).
   */
  @Override
  public Map<String, Object> dataFacts(PromptSet prompts) {
    Map<String, Integer> perGroup = new LinkedHashMap<>();
    int lines = 0;
    int questions = 0;
    for (Prompt p : prompts.prompts()) {
      if (p.metadata().path("length").asText().equals("short")) {
        lines++;
        questions += p.metadata().path("eval").path("yn_question_list").size();
        perGroup.merge(TiifGroups.groupOf(p.metadata().path("type").asText()).orElseThrow(), 1, Integer::sum);
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("prompt_lines", lines);
    facts.put("questions", questions);
    facts.put("lines_per_group", perGroup);
    return facts;
  }

  /** One image per prompt and description (inference_t2i_models.py l.211-235 writes one {@code <idx>.png}). */
  /** Counts of answers are non-negative; GNED and recall are fractions (docs/tiif.md). */
  @Override
  public Optional<ValueRange> valueRange(String name) {
    return switch (name) {
      case TiifAggregator.CORRECT, TiifAggregator.TOTAL -> Optional.of(ValueRange.NON_NEGATIVE);
      case TiifAggregator.GNED, TiifAggregator.RECALL -> Optional.of(ValueRange.UNIT);
      default -> Optional.empty();
    };
  }

  @Override
  public int defaultSamples() {
    return 1;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return new TiifAggregator().aggregate(prompts, samples);
  }

  /** The share of the image's questions answered right, in percent (the table's scale). */
  @Override
  public OptionalDouble imageScore(ScoreRecord score) {
    double total = score.value(TiifAggregator.TOTAL);
    return score.failed() || !(total > 0) ? OptionalDouble.empty()
        : OptionalDouble.of(100 * score.value(TiifAggregator.CORRECT) / total);
  }

  /** The judge's yes/no per question (the official record's model_pred), for judge agreement. */
  @Override
  public List<String> judgements(ScoreRecord score) {
    List<String> out = new ArrayList<>();
    if (!score.failed() && score.detail() != null) {
      score.detail().path("model_pred").forEach(p -> out.add(p.asText()));
    }
    return out;
  }

  /**
   * Each question of the image with the judge's yes/no and the expected answer, from the official per-image record
   * (eval_with_vlm.py l.198-209: questions, gt_answers, model_pred), then the judge's raw output.
   */
  @Override
  public List<Explanation> explain(ScoreRecord score) {
    List<Explanation> out = new ArrayList<>();
    JsonNode d = score.detail();
    if (d != null) {
      JsonNode q = d.path("questions");
      JsonNode gt = d.path("gt_answers");
      JsonNode pred = d.path("model_pred");
      for (int i = 0; i < q.size(); i++) {
        out.add(new Explanation(q.get(i).asText(), "judge: "
            + (i < pred.size() ? pred.get(i).asText() : "no answer parsed")
            + (i < gt.size() ? " (expected: " + gt.get(i).asText() + ")" : "")));
      }
      if (d.hasNonNull("model_output")) {
        out.add(new Explanation("judge output", d.path("model_output").asText()));
      }
    }
    if (score.error() != null) {
      out.add(new Explanation("error", score.error()));
    }
    return out;
  }

  /** Reported in percent (×100), as the TIIF table. */
  @Override
  public double fullScale() {
    return 100;
  }

  @Override
  public PaperTable paperTable() {
    return TiifPaperTable.table();
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new TiifImageLayout());
  }

  /** {@link TiifResultsExporter}: the official per-image results. */
  @Override
  public Optional<OfficialResultsExporter> officialExporter() {
    return Optional.of(new TiifResultsExporter());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new TiifResultsImporter());
  }

  /** One object per presence question, so the reference pipeline's reflection can fix what the questions check. */
  @Override
  public Function<Prompt, SceneHints> sceneHints(Path dataDir) {
    return TiifSceneHints::of;
  }
}
