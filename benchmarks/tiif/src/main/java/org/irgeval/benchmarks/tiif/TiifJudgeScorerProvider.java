package org.irgeval.benchmarks.tiif;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.scoring.ocr.ImportedOcr;
import org.irgeval.scoring.ocr.OcrEngine;
import org.irgeval.scoring.ocr.OcrModelFiles;
import org.irgeval.scoring.ocr.OcrModels;
import org.irgeval.scoring.ocr.PpOcrEngine;
import org.irgeval.scoring.ocr.PpOcrSettings;

/**
 * {@code tiif-judge}: the TIIF yes/no judge protocol through the run's OpenAI-compatible judge. The official
 * default judge is {@value #DEFAULT_MODEL} ({@code eval_with_vlm.py} l.229, an unpinned alias); the IRG table used a
 * Qwen judge, which TIIF serves as Qwen2.5-VL-72B-Instruct through vLLM (README l.97-104): {@code --judge-model}.
 */
public final class TiifJudgeScorerProvider implements ScorerProvider {
  static final String DEFAULT_MODEL = "gpt-4o";
  static final String PROTOCOL = "judge_protocol";
  static final String ATTEMPTS = "judge_attempts";
  static final String SEED = "judge_seed";
  static final String TEXT_OCR = "text_ocr";
  static final String OCR_MODELS = "ocr_models";
  static final String OCR_RESULTS = "ocr_results";
  /** Images waiting on the judge at once; the client bounds HTTP concurrency itself. */
  static final int DEFAULT_CONCURRENCY = 16;
  /** The IRG release's own TIIF judge script gives up after 3 retries (tiif_multi_turn_eval.py l.499-531). */
  static final int DEFAULT_ATTEMPTS = 4;

  static final OptionSpec PROTOCOL_OPTION = OptionSpec.choice(PROTOCOL, "deterministic (temperature 0, first"
      + " template) or official (temperature 1.0, a template drawn per call from a seeded generator)",
      "deterministic", "official");
  static final OptionSpec ATTEMPTS_OPTION = OptionSpec.of(ATTEMPTS, OptionSpec.Type.POSITIVE_INT, "judge calls per"
      + " image while the answer count is wrong (the official script retries without end)").withDefault(DEFAULT_ATTEMPTS);
  static final OptionSpec SEED_OPTION = OptionSpec.of(SEED, OptionSpec.Type.NON_NEGATIVE_INT,
      "seed of the official protocol's template draw").withDefault(0);
  static final OptionSpec TEXT_OCR_OPTION = OptionSpec.choice(TEXT_OCR, "the supplementary text metrics (GNED,"
      + " recall) of the text prompts: none, ppocr (PP-OCRv4 in-process, docs/ocr.md) or imported (--scorer-opt"
      + " ocr_results=FILE)", "none", "ppocr", "imported");
  static final OptionSpec OCR_MODELS_OPTION = OptionSpec.of(OCR_MODELS, OptionSpec.Type.TEXT, "folder of the PP-OCR"
      + " model files (default: $" + OcrModels.ENV + ", then the user cache)");
  static final OptionSpec OCR_RESULTS_OPTION = OptionSpec.of(OCR_RESULTS, OptionSpec.Type.TEXT, "OCR made elsewhere:"
      + " JSON lines {image_sha256, texts}");

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of("tiif-judge", TiifBenchmark.ID, ScorerDescription.Kind.JUDGE,
        "official TIIF yes/no VLM-judge protocol via --judge-url (default model gpt-4o; the IRG table used Qwen)")
        .priority(10).concurrency(DEFAULT_CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return judgeOptions();
  }

  /** The options of both TIIF judge scorers. */
  static List<OptionSpec> judgeOptions() {
    return List.of(PROTOCOL_OPTION, ATTEMPTS_OPTION, SEED_OPTION, TEXT_OCR_OPTION, OCR_MODELS_OPTION,
        OCR_RESULTS_OPTION);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    JudgeFactory judges = context.requireJudges("TIIF is scored by a VLM judge", DEFAULT_MODEL);
    return open(context, judges.open(DEFAULT_MODEL));
  }

  static TiifJudgeScorer open(ScorerContext context, org.irgeval.api.Judge judge) throws Exception {
    Map<String, String> o = context.options();
    return new TiifJudgeScorer(judge, TiifTemplates.load(context.dataDir()),
        TiifJudgeProtocol.of(PROTOCOL_OPTION.text(o)), ATTEMPTS_OPTION.intValue(o), SEED_OPTION.longValue(o),
        context.concurrency(), ocr(o));
  }

  /** The OCR engine of the text metrics, or null for none. */
  static OcrEngine ocr(Map<String, String> o) throws Exception {
    switch (TEXT_OCR_OPTION.text(o)) {
      case "ppocr": {
        OcrModelFiles files;
        try {
          files = OcrModels.standard().locate(OCR_MODELS_OPTION.given(o).map(Path::of).orElse(null));
        } catch (java.io.IOException e) {
          throw new ScorerUnavailableException("text_ocr=ppocr: " + e.getMessage());
        }
        return PpOcrEngine.open(files, PpOcrSettings.defaults());
      }
      case "imported": {
        String f = OCR_RESULTS_OPTION.given(o).orElse(null);
        if (f == null) {
          throw new ScorerUnavailableException("text_ocr=imported needs --scorer-opt " + OCR_RESULTS + "=FILE");
        }
        return ImportedOcr.load(Path.of(f));
      }
      default:
        return null;
    }
  }
}
