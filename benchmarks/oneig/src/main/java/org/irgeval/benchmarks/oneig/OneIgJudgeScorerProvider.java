package org.irgeval.benchmarks.oneig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Prompt;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;

/**
 * {@code oneig-judge}: alignment and text scored by the run's OpenAI-compatible VLM with the official OneIG protocol
 * ({@link OneIgJudgeParts}; official judge {@value #DEFAULT_MODEL}). Reasoning, style and diversity need the
 * embedding models (LLM2CLIP, CSD + StyleEncoder, DreamSim): run them with {@code oneig-djl}
 * ({@link OneIgDjlScorerProvider}, which uses this judge protocol too), or give their recorded outputs with
 * {@code --scorer-opt recorded=DIR} (docs/oneig.md section 4); otherwise they are reported unscored.
 */
public final class OneIgJudgeScorerProvider implements ScorerProvider {
  /** inference.py l.18 / alignment_score.py l.18 / text_score.py l.22. */
  static final String DEFAULT_MODEL = "Qwen/Qwen2.5-VL-7B-Instruct";
  static final String RECORDED = "recorded";
  static final String ATTEMPTS = "judge_attempts";
  static final int DEFAULT_ATTEMPTS = 1;
  static final int DEFAULT_CONCURRENCY = 8;
  static final OptionSpec RECORDED_OPTION = OptionSpec.of(RECORDED, OptionSpec.Type.TEXT, "folder of recorded"
      + " outputs (alignment.jsonl ... diversity.jsonl) for the dimensions the judge does not score (none: they stay"
      + " unscored)");
  static final OptionSpec ATTEMPTS_OPTION = OptionSpec.of(ATTEMPTS, OptionSpec.Type.POSITIVE_INT, "judge calls per"
      + " question after a final judge error (every reply is an answer, as in the official code)")
      .withDefault(DEFAULT_ATTEMPTS);

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("oneig-judge", OneIgBenchmark.ID, ScorerDescription.Kind.JUDGE,
        "official OneIG alignment (yes/no per question) and OCR protocol via --judge-url (default model "
            + DEFAULT_MODEL + "); reasoning/style/diversity from --scorer-opt recorded=DIR").priority(10)
        .concurrency(DEFAULT_CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(RECORDED_OPTION, ATTEMPTS_OPTION);
  }

  @Override
  public int judgeCalls(Prompt prompt) {
    return OneIgJudgeParts.calls(prompt);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    JudgeFactory judges = context.requireJudges("OneIG alignment and text are scored by a VLM judge",
        DEFAULT_MODEL);
    return open(context, judges.open(DEFAULT_MODEL), Map.of(), "oneig-judge");
  }

  static OneIgScorer open(ScorerContext context, Judge judge, Map<String, OneIgPart> more, String id)
      throws Exception {
    OneIgTemplates templates = OneIgTemplates.load(context.dataDir());
    int attempts = ATTEMPTS_OPTION.intValue(context.options());
    Map<String, OneIgPart> parts = new LinkedHashMap<>();
    parts.put(OneIgAggregator.ALIGNMENT, OneIgJudgeParts.alignment(judge, templates, attempts));
    parts.put(OneIgAggregator.TEXT, OneIgJudgeParts.ocr(judge, templates, attempts));
    parts.putAll(more);
    String rec = RECORDED_OPTION.given(context.options()).orElse(null);
    OneIgRecordedPart recorded = rec == null ? null : OneIgRecordedPart.open(Path.of(rec), context.prompts());
    return new OneIgScorer(id, parts, recorded, context.concurrency(), List.of());
  }
}
