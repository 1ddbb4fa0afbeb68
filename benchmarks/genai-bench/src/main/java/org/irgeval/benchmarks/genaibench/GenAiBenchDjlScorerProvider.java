package org.irgeval.benchmarks.genaibench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.scoring.djl.TorchScriptFile;
import org.irgeval.benchmarks.genaibench.djl.ClipFlanT5Model;
import org.irgeval.benchmarks.genaibench.djl.GenAiVqaDjlScorer;
import org.irgeval.benchmarks.genaibench.djl.T5Tokenizer;

/**
 * {@code genai-bench-djl} (formerly {@code genai-vqa-djl}, still accepted): CLIP-FlanT5 VQAScore (the published
 * GenAI-Bench scorer) in-process on DJL's PyTorch engine, from a TorchScript export made by
 * {@code benchmarks/genai-bench/tools/export_clip_flant5.py} and the FLAN-T5 tokenizer.json it saves. Options:
 * {@code model=FILE.pt}, {@code tokenizer=tokenizer.json}, {@code variant=clip-flant5-xxl|clip-flant5-xl} (recorded;
 * the pre-processing is the same) and the shared {@code device=cpu|gpu}.
 * Named explicitly ({@code --scorer genai-bench=genai-bench-djl}): it is not the default, so a run with a judge and
 * no export keeps scoring.
 */
public final class GenAiBenchDjlScorerProvider implements ScorerProvider {
  public static final String ID = "genai-bench-djl";
  static final OptionSpec MODEL = OptionSpec.of("model", OptionSpec.Type.TEXT,
      "TorchScript export of CLIP-FlanT5's teacher-forced forward (.pt; benchmarks/genai-bench/tools/"
          + "export_clip_flant5.py)");
  static final OptionSpec TOKENIZER = OptionSpec.of("tokenizer", OptionSpec.Type.TEXT,
      "the FLAN-T5 tokenizer.json (google/flan-t5-xxl; the export script saves it beside the .pt)");
  static final OptionSpec VARIANT = OptionSpec.choice("variant", "which checkpoint was exported, recorded in the"
      + " fingerprint (clip-flant5-xxl is the published one)", "clip-flant5-xxl", "clip-flant5-xl");

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenAiBenchBenchmark.ID, ScorerDescription.Kind.MODEL,
        "CLIP-FlanT5 VQAScore (t2v_metrics==3.0, the published GenAI-Bench scorer) on DJL PyTorch from a"
            + " TorchScript export (--scorer-opt model=clip_flant5_xxl.pt tokenizer=tokenizer.json [device=gpu];"
            + " tools/export_clip_flant5.py)").priority(5).aliases("genai-vqa-djl");
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(MODEL, TOKENIZER, VARIANT);
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    Map<String, String> o = context.options();
    List<String> missing = new ArrayList<>();
    for (String k : List.of("model", "tokenizer")) {
      if (o.get(k) == null || o.get(k).isBlank()) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new ScorerUnavailableException(ID + " needs --scorer-opt " + String.join("=... ", missing) + "=...: run"
          + " benchmarks/genai-bench/tools/export_clip_flant5.py where the CLIP-FlanT5 weights are (pip install"
          + " t2v-metrics==3.0); it writes clip_flant5_xxl.pt and tokenizer.json (docs/genai-bench.md)");
    }
    for (String k : List.of("model", "tokenizer")) {
      if (!java.nio.file.Files.isRegularFile(Path.of(o.get(k)))) {
        throw new ScorerUnavailableException(ID + ": --scorer-opt " + k + "=" + o.get(k) + " is not a file"
            + " (see docs/genai-bench.md, CLIP-FlanT5)");
      }
    }
    T5Tokenizer tokenizer = new T5Tokenizer(Path.of(o.get("tokenizer")));
    try {
      ClipFlanT5Model model = new ClipFlanT5Model(TorchScriptFile.load("CLIP-FlanT5", Path.of(o.get("model")),
          context.device()));
      return new GenAiVqaDjlScorer(GenAiBenchAggregator.SCORE, model, tokenizer, VARIANT.text(o),
          context.device().id());
    } catch (Exception e) {
      tokenizer.close();
      throw e;
    }
  }
}
