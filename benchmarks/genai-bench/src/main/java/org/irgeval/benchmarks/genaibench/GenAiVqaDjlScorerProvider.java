package org.irgeval.benchmarks.genaibench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.benchmarks.genaibench.djl.ClipFlanT5Model;
import org.irgeval.benchmarks.genaibench.djl.GenAiVqaDjlScorer;
import org.irgeval.benchmarks.genaibench.djl.T5Tokenizer;

/**
 * {@code genai-vqa-djl}: CLIP-FlanT5 VQAScore (the published GenAI-Bench scorer) in-process on DJL's PyTorch
 * engine, from a TorchScript export made by {@code benchmarks/genai-bench/tools/export_clip_flant5.py} and the
 * FLAN-T5 tokenizer.json it saves. Options: {@code model=FILE.pt}, {@code tokenizer=tokenizer.json},
 * {@code device=cpu|gpu}, {@code variant=clip-flant5-xxl|clip-flant5-xl} (recorded; the pre-processing is the same).
 * Named explicitly ({@code --scorer genai-bench=genai-vqa-djl}): it is not the default, so a run with a judge and
 * no export keeps scoring.
 */
public final class GenAiVqaDjlScorerProvider implements ScorerProvider {
  public static final String ID = "genai-vqa-djl";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(GenAiBenchBenchmark.ID);
  }

  @Override
  public String description() {
    return "CLIP-FlanT5 VQAScore (t2v_metrics==3.0, the published GenAI-Bench scorer) on DJL PyTorch from a"
        + " TorchScript export (--scorer-opt model=clip_flant5_xxl.pt tokenizer=tokenizer.json [device=gpu];"
        + " tools/export_clip_flant5.py)";
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("model", OptionSpec.Type.TEXT,
            "TorchScript export of CLIP-FlanT5's teacher-forced forward (.pt; benchmarks/genai-bench/tools/"
                + "export_clip_flant5.py)"),
        OptionSpec.of("tokenizer", OptionSpec.Type.TEXT,
            "the FLAN-T5 tokenizer.json (google/flan-t5-xxl; the export script saves it beside the .pt)"),
        OptionSpec.choice("device", "where DJL runs the export (default cpu; a CUDA export needs gpu)", "cpu", "gpu"),
        OptionSpec.choice("variant", "which checkpoint was exported, recorded in the fingerprint (default"
            + " clip-flant5-xxl, the published one)", "clip-flant5-xxl", "clip-flant5-xl"));
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
    String device = o.getOrDefault("device", "cpu");
    String variant = o.getOrDefault("variant", "clip-flant5-xxl");
    T5Tokenizer tokenizer = new T5Tokenizer(Path.of(o.get("tokenizer")));
    try {
      ClipFlanT5Model model = new ClipFlanT5Model(Path.of(o.get("model")),
          "gpu".equals(device) ? Device.gpu() : Device.cpu());
      return new GenAiVqaDjlScorer(GenAiBenchAggregator.SCORE, model, tokenizer, variant, device);
    } catch (Exception e) {
      tokenizer.close();
      throw e;
    }
  }
}
