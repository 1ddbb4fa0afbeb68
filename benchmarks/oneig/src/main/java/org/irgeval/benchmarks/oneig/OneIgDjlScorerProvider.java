package org.irgeval.benchmarks.oneig;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Prompt;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.scoring.djl.TorchScriptFile;

/**
 * {@code oneig-djl}: reasoning (LLM2CLIP image tower + GT-answer text embeddings), style (CSD + StyleEncoder) and
 * diversity (DreamSim) in-process on DJL's PyTorch engine from TorchScript exports ({@link OneIgDjlParts};
 * benchmarks/oneig/tools/ makes them, docs/oneig.md section 6); alignment and text through the run's VLM judge with
 * the official protocol when {@code --judge-url} is given ({@link OneIgJudgeParts}). A dimension without its model
 * files is filled from {@code recorded=DIR} or left unscored (reported; the overall is then withheld).
 */
public final class OneIgDjlScorerProvider implements ScorerProvider {
  static final String ID = "oneig-djl";
  static final String LLM2CLIP = "llm2clip";
  static final String LLM2CLIP_TEXT = "llm2clip_text";
  static final String CSD = "csd";
  static final String SE = "se";
  static final String DREAMSIM = "dreamsim";
  static final String JPEG = "jpeg";
  static final OptionSpec JPEG_OPTION = OptionSpec.choice(JPEG, "re-encode each tile as JPEG quality 75 before the"
      + " models, as the official splitter saves tiles", "true", "false");

  @Override
  public ScorerDescription describe() {
    // concurrency: the judge parts overlap (as oneig-judge); each model export serialises its own calls
    return ScorerDescription.of(ID, OneIgBenchmark.ID, ScorerDescription.Kind.MODEL,
        "OneIG reasoning/style/diversity on TorchScript exports via DJL (--scorer-opt llm2clip=.pt"
            + " llm2clip_text=.json csd=.pt se=.pt dreamsim=.pt [device=gpu]); alignment/text via --judge-url when"
            + " given").concurrency(OneIgJudgeScorerProvider.DEFAULT_CONCURRENCY);
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of(LLM2CLIP, OptionSpec.Type.TEXT, "TorchScript LLM2CLIP image tower (.pt; tools/export_llm2clip_image.py)"),
        OptionSpec.of(LLM2CLIP_TEXT, OptionSpec.Type.TEXT, "LLM2CLIP text features of the 225 GT answers (.json;"
            + " tools/embed_gt_answers.py)"),
        OptionSpec.of(CSD, OptionSpec.Type.TEXT, "TorchScript CSD style encoder (.pt; tools/export_csd.py)"),
        OptionSpec.of(SE, OptionSpec.Type.TEXT, "TorchScript OneIG StyleEncoder (.pt; tools/export_style_encoder.py)"),
        OptionSpec.of(DREAMSIM, OptionSpec.Type.TEXT, "TorchScript DreamSim ensemble embedding (.pt;"
            + " tools/export_dreamsim.py)"),
        JPEG_OPTION, OneIgJudgeScorerProvider.RECORDED_OPTION, OneIgJudgeScorerProvider.ATTEMPTS_OPTION);
  }

  /** The alignment and OCR requests when a judge is configured (without one, none: they stay unscored). */
  @Override
  public int judgeCalls(Prompt prompt) {
    return OneIgJudgeParts.calls(prompt);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    Map<String, String> o = context.options();
    boolean reasoning = given(o, LLM2CLIP) || given(o, LLM2CLIP_TEXT);
    boolean style = given(o, CSD) || given(o, SE);
    boolean diversity = given(o, DREAMSIM);
    if (!reasoning && !style && !diversity) {
      throw new ScorerUnavailableException("oneig-djl needs TorchScript exports: --scorer-opt llm2clip=FILE.pt"
          + " llm2clip_text=FILE.json (reasoning), csd=FILE.pt se=FILE.pt (style), dreamsim=FILE.pt (diversity);"
          + " make them with benchmarks/oneig/tools/ (docs/oneig.md section 6)");
    }
    List<String> missing = new ArrayList<>();
    if (reasoning) {
      pair(o, LLM2CLIP, LLM2CLIP_TEXT, missing);
    }
    if (style) {
      pair(o, CSD, SE, missing);
    }
    if (!missing.isEmpty()) {
      throw new ScorerUnavailableException("oneig-djl: " + String.join("; ", missing));
    }
    Device device = TorchScriptFile.djl(context.device());
    boolean jpeg = JPEG_OPTION.isTrue(o);
    Path root = context.dataDir().resolve(OneIgPromptLoader.DIR);
    // read the small files first, so a bad file fails before a model is loaded
    OneIgDjlParts.GtEmbeddings text = null;
    if (reasoning) {
      try {
        text = OneIgDjlParts.GtEmbeddings.read(Path.of(o.get(LLM2CLIP_TEXT)), context.prompts());
      } catch (DataException | java.io.IOException e) {
        throw OneIgDjlParts.unavailable(LLM2CLIP_TEXT, e);
      }
    }
    OneIgStyleRefs refs = null;
    if (style) {
      try {
        refs = OneIgStyleRefs.load(root, new ArrayList<>());
      } catch (DataException e) {
        throw new ScorerUnavailableException("oneig-djl: the style back end needs the reference embeddings "
            + OneIgStyleRefs.CSD + " and " + OneIgStyleRefs.SE + " of the data folder: " + e.getMessage()
            + " (re-decode them with benchmarks/oneig/tools/decode_style_refs.py; docs/oneig.md section 6)");
      }
    }
    List<AutoCloseable> models = new ArrayList<>();
    try {
      Map<String, OneIgPart> parts = new LinkedHashMap<>();
      if (context.judges().isPresent()) {
        OneIgTemplates templates = OneIgTemplates.load(context.dataDir());
        int attempts = OneIgJudgeScorerProvider.ATTEMPTS_OPTION.intValue(o);
        var judge = context.judges().get().open(OneIgJudgeScorerProvider.DEFAULT_MODEL);
        parts.put(OneIgAggregator.ALIGNMENT, OneIgJudgeParts.alignment(judge, templates, attempts));
        parts.put(OneIgAggregator.TEXT, OneIgJudgeParts.ocr(judge, templates, attempts));
      }
      if (reasoning) {
        OneIgTorchScript tower = load("LLM2CLIP image tower", LLM2CLIP, o, device, models);
        parts.put(OneIgAggregator.REASONING, OneIgDjlParts.reasoning(tower, text, jpeg));
      }
      if (style) {
        OneIgTorchScript csd = load("CSD", CSD, o, device, models);
        OneIgTorchScript se = load("StyleEncoder", SE, o, device, models);
        parts.put(OneIgAggregator.STYLE, OneIgDjlParts.style(csd, se, refs, jpeg));
      }
      if (diversity) {
        OneIgTorchScript ds = load("DreamSim", DREAMSIM, o, device, models);
        parts.put(OneIgAggregator.DIVERSITY, OneIgDjlParts.diversity(ds, new OneIgDjlParts.EmbeddingStore(
            context.cacheDir().resolve("dreamsim-embeddings")), jpeg));
      }
      String rec = OneIgJudgeScorerProvider.RECORDED_OPTION.given(o).orElse(null);
      OneIgRecordedPart recorded = rec == null ? null : OneIgRecordedPart.open(Path.of(rec), context.prompts());
      return new OneIgScorer(ID, parts, recorded, context.concurrency(), models);
    } catch (Exception e) {
      OneIgScorer.closeAll(models);
      throw e;
    }
  }

  private static boolean given(Map<String, String> o, String k) {
    return o.get(k) != null && !o.get(k).isBlank();
  }

  private static void pair(Map<String, String> o, String a, String b, List<String> missing) {
    if (!given(o, a)) {
      missing.add("--scorer-opt " + b + " is given but " + a + "=... is not (both are needed)");
    } else if (!given(o, b)) {
      missing.add("--scorer-opt " + a + " is given but " + b + "=... is not (both are needed)");
    }
  }

  private static OneIgTorchScript load(String what, String option, Map<String, String> o, Device device,
                                       List<AutoCloseable> models) throws Exception {
    OneIgTorchScript m;
    try {
      m = new OneIgTorchScript(what, TorchScriptFile.load(what, Path.of(o.get(option)), device));
    } catch (java.io.IOException | ai.djl.MalformedModelException e) {
      throw OneIgDjlParts.unavailable(option, e);
    }
    models.add(m);
    return m;
  }
}
