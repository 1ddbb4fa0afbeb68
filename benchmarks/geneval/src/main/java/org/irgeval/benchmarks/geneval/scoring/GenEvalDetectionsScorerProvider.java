package org.irgeval.benchmarks.geneval.scoring;

import java.util.List;
import java.util.Set;
import org.irgeval.api.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.GenEvalBenchmark;

/**
 * {@code geneval-detections}: the official rules on detections + colours produced by the official mmdet and
 * open_clip pipeline elsewhere (option {@code detections=PATH}, format in docs/geneval.md).
 */
public final class GenEvalDetectionsScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-detections";
  public static final String OPTION = "detections";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> benchmarks() {
    return Set.of(GenEvalBenchmark.ID);
  }

  @Override
  public String description() {
    return "GenEval rules on imported Mask2Former + CLIP detections (--scorer-opt detections=FILE.jsonl)";
  }

  /**
   * The default real scorer (above {@code geneval-djl}'s 10): it is the official mmdet + open_clip pipeline's own
   * output, while no Mask2Former export has been checked against mmdet (docs/geneval.md, "Real-architecture check").
   */
  @Override
  public int priority() {
    return 20;
  }

  @Override
  public List<OptionSpec> options() {
    return ScorerSetup.options(OptionSpec.of(OPTION, OptionSpec.Type.TEXT,
        "detections JSONL from tools/dump_detections.py (docs/geneval.md)"));
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    String path = context.options().get(OPTION);
    if (path == null || path.isBlank()) {
      throw new ScorerUnavailableException("geneval-detections needs --scorer-opt " + OPTION
          + "=FILE.jsonl (detections from the official mmdet + open_clip pipeline; see docs/geneval.md)");
    }
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new ScorerUnavailableException("geneval-detections: " + file + " does not exist");
    }
    ClassNames classes = ScorerSetup.classNames(context);
    return new GenEvalScorer(ID, ScorerSetup.engine(context), classes, ImportedDetections.read(file, classes),
        context.concurrency(4));
  }
}
