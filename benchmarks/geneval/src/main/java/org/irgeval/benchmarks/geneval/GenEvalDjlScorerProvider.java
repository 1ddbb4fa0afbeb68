package org.irgeval.benchmarks.geneval;

import ai.djl.Device;
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
import org.irgeval.benchmarks.geneval.djl.ClipColorClassifier;
import org.irgeval.benchmarks.geneval.djl.TorchScriptDetector;
import org.irgeval.benchmarks.geneval.scoring.GenEvalScorer;
import org.irgeval.benchmarks.geneval.scoring.ModelBackend;
import org.irgeval.benchmarks.geneval.scoring.ScorerSetup;
import org.irgeval.scoring.djl.TorchScriptFile;

/**
 * {@code geneval-djl}: TorchScript exports of the detector and of the CLIP image tower run in-process on DJL's
 * PyTorch engine. Options: {@code detector=FILE.pt}, {@code clip=FILE.pt}, {@code clip_text=FILE.json},
 * and the shared {@code device=cpu|gpu}.
 */
public final class GenEvalDjlScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-djl";

  @Override
  public ScorerDescription describe() {
    // priority 10: below geneval-recorded (20), the default for real runs: the Mask2Former export matches mmdet on
    // the real architecture with random weights, not yet with the released weights on a GPU, and accepts only the
    // sizes it was traced at (docs/geneval.md, "Real-architecture check"); chosen with --scorer geneval=geneval-djl
    return ScorerDescription.of(ID, GenEvalBenchmark.ID, ScorerDescription.Kind.MODEL,
        "GenEval rules on a TorchScript detector + CLIP image tower via DJL "
            + "(--scorer-opt detector=.pt clip=.pt clip_text=.json [device=gpu])").priority(10);
  }

  @Override
  public List<OptionSpec> options() {
    return ScorerSetup.options(
        OptionSpec.of("detector", OptionSpec.Type.TEXT, "TorchScript detector (.pt; docs/geneval.md)"),
        OptionSpec.of("clip", OptionSpec.Type.TEXT, "TorchScript CLIP image tower (.pt)"),
        OptionSpec.of("clip_text", OptionSpec.Type.TEXT, "CLIP text embeddings of the colour prompts (.json)"));
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    Map<String, String> o = context.options();
    List<String> missing = new ArrayList<>();
    for (String k : List.of("detector", "clip", "clip_text")) {
      if (o.get(k) == null || o.get(k).isBlank()) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new ScorerUnavailableException("geneval-djl needs --scorer-opt " + String.join("=..., ", missing)
          + "=... (TorchScript exports; see docs/geneval.md)");
    }
    Device device = TorchScriptFile.djl(context.device());
    ClassNames classes = ScorerSetup.classNames(context);
    TorchScriptDetector detector = new TorchScriptDetector(Path.of(o.get("detector")), device, classes.names().size());
    ClipColorClassifier colors;
    try {
      colors = new ClipColorClassifier(Path.of(o.get("clip")), Path.of(o.get("clip_text")), device);
    } catch (Exception e) {
      detector.close();
      throw e;
    }
    return new GenEvalScorer(ID, ScorerSetup.engine(context), classes, new ModelBackend(detector, colors), 1);
  }
}
