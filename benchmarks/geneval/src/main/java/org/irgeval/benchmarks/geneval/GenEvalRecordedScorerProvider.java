package org.irgeval.benchmarks.geneval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.benchmarks.geneval.scoring.GenEvalScorer;
import org.irgeval.benchmarks.geneval.scoring.RecordedDetections;
import org.irgeval.benchmarks.geneval.scoring.ScorerSetup;

/**
 * {@code geneval-recorded} (formerly {@code geneval-detections}, still accepted; the fingerprint keeps the old name so
 * runs resume): the official rules on detections + colours produced by the official mmdet and
 * open_clip pipeline elsewhere (option {@code detections=PATH}, format in docs/geneval.md).
 */
public final class GenEvalRecordedScorerProvider implements ScorerProvider {
  public static final String ID = "geneval-recorded";
  /** The name its fingerprints start with, from before the rename. */
  static final String FINGERPRINT_NAME = "geneval-detections";
  /** Reading recorded detections costs little; a few at once keep the pool busy. */
  static final int CONCURRENCY = 4;
  public static final String OPTION = "detections";

  @Override
  public ScorerDescription describe() {
    return ScorerDescription.of(ID, GenEvalBenchmark.ID, ScorerDescription.Kind.RECORDED,
        "GenEval rules on recorded Mask2Former + CLIP detections (--scorer-opt detections=FILE.jsonl)")
        .concurrency(CONCURRENCY).aliases(FINGERPRINT_NAME)
        // 20, above geneval-djl's 10: the default real scorer, because it reads the official mmdet + open_clip
        // pipeline's own output while no Mask2Former export has been checked against mmdet (docs/geneval.md,
        // "Real-architecture check")
        .priority(20);
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
      throw new ScorerUnavailableException(ID + " needs --scorer-opt " + OPTION
          + "=FILE.jsonl (detections from the official mmdet + open_clip pipeline; see docs/geneval.md)");
    }
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new ScorerUnavailableException(ID + ": " + file + " does not exist");
    }
    ClassNames classes = ScorerSetup.classNames(context);
    return new GenEvalScorer(FINGERPRINT_NAME, ScorerSetup.engine(context), classes,
        RecordedDetections.read(file, classes), context.concurrency());
  }
}
