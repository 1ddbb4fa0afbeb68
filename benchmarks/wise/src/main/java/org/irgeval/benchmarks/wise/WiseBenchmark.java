package org.irgeval.benchmarks.wise;

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
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.Explanation;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PromptSet;
import org.irgeval.api.PublicFile;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.ValueRange;
import org.irgeval.api.VariantSummary;

/**
 * WISE (Niu et al., arXiv:2503.07265; PKU-YuanGroup/WISE). Options: {@code version=legacy|verified} (default
 * legacy, the IRG paper's) and {@code prompts=original|rewrite} (legacy only). The module's roles:
 * {@link WisePromptLoader}, {@link WiseAggregator} (WISE_legacy/Calculate.py, calculate_verified.py),
 * {@link WisePaperTable}, {@link WiseImageLayout}, {@link WiseResultsImporter} / {@link WiseResultsExporter}
 * (the official {@code *_scores.jsonl}), {@link WiseJudgeScorerProvider} and {@link WisePlumbingScorerProvider}.
 * See docs/wise.md.
 */
public final class WiseBenchmark implements Benchmark {
  public static final String ID = "wise";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "WISE";
  }

  @Override
  public String officialSource() {
    return WisePromptLoader.SOURCE + " (WISE_legacy/data/*.json, data_verified/*_verified.json; judge texts"
        + " from gpt_eval.py / vllm_eval.py into judge_prompts/)";
  }

  /** {@code --bench-opt wise.version}. */
  static final OptionSpec VERSION = OptionSpec.choice("version", "legacy (the WISE paper / IRG setup, GPT-4o judge,"
      + " weighted WiScore) or verified (WISE_Verified, Qwen3.5-35B-A3B judge, binary score)",
      WiseVersion.LEGACY.id(), WiseVersion.VERIFIED.id());
  /** {@code --bench-opt wise.prompts}. */
  static final OptionSpec PROMPTS = OptionSpec.choice("prompts", "original or rewrite (legacy only: generate from"
      + " *_rewrite.json, judge with the original prompt and explanation)", "original", "rewrite");

  @Override
  public List<OptionSpec> options() {
    return List.of(VERSION, PROMPTS);
  }

  /** PKU-YuanGroup/WISE@eb51174: WISE_legacy/data/ (with the rewrites when chosen) or data_verified/. */
  @Override
  public List<PublicFile> publicFiles(Map<String, String> options) {
    return PublicFile.listed(WiseBenchmark.class, "public-files.tsv",
        Set.of("version=" + options.getOrDefault("version", WiseVersion.LEGACY.id()),
            "prompts=" + options.getOrDefault("prompts", "original")));
  }

  /** 1000 prompts in every version (ids 1-1000). */
  @Override
  public OptionalInt officialPromptCount(Map<String, String> options) {
    return OptionalInt.of(1000);
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    WiseVersion version = WiseVersion.byId(VERSION.text(options)).orElseThrow();
    boolean rewrite = PROMPTS.text(options).equals("rewrite");
    if (rewrite && version != WiseVersion.LEGACY) {
      throw new DataException("--bench-opt wise.prompts", 0, "prompts", "rewritten prompts exist only for WISE"
          + " legacy (WISE_legacy/data/*_rewrite.json)", null);
    }
    return new WisePromptLoader().load(dataDir, version, rewrite);
  }

  /** One image per prompt (gpt_eval.py l.241-248 reads exactly {@code <prompt_id>.png}). */
  /** Legacy components 0..2 (the judge prompt's scale), Verified's {@code score} and every WiScore in [0, 1]. */
  @Override
  public Optional<ValueRange> valueRange(String name) {
    if (WiseReplyParser.LEGACY_ORDER.contains(name)) {
      return Optional.of(new ValueRange(0, 2));
    }
    return name.equals("score") || name.equals("wiscore") ? Optional.of(ValueRange.UNIT)
        : Optional.empty();
  }

  @Override
  public int defaultSamples() {
    return 1;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return WiseAggregator.aggregate(prompts, samples);
  }

  /** The image's WiScore (Calculate.py's per-image formula, 0-1). */
  @Override
  public OptionalDouble imageScore(ScoreRecord score) {
    return score.failed() || !score.values().containsKey("wiscore") ? OptionalDouble.empty()
        : OptionalDouble.of(score.value("wiscore"));
  }

  /** The judge's three sub-scores, the WiScore made of them, and the judge's reply as it came. */
  @Override
  public List<Explanation> explain(ScoreRecord score) {
    List<Explanation> out = new ArrayList<>();
    for (String k : List.of("consistency", "realism", "aesthetic_quality", "wiscore")) {
      if (score.values().containsKey(k)) {
        out.add(new Explanation(k.replace('_', ' '), String.format(Locale.ROOT, "%.4g",
            score.value(k))));
      }
    }
    if (score.detail() != null && score.detail().hasNonNull("judge_model")) {
      out.add(new Explanation("judge", score.detail().path("judge_model").asText()));
    }
    if (score.raw() != null) {
      out.add(new Explanation("judge reply", score.raw()));
    }
    if (score.error() != null) {
      out.add(new Explanation("error", score.error()));
    }
    return out;
  }

  @Override
  public PaperTable paperTable() {
    return WisePaperTable.table();
  }

  /** {@link WiseResultsExporter}: the official per-image results. */
  @Override
  public Optional<OfficialResultsExporter> officialExporter() {
    return Optional.of(new WiseResultsExporter());
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new WiseImageLayout());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new WiseResultsImporter());
  }
}
