package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.irgeval.run.Registry;
import org.junit.jupiter.api.Test;

/**
 * Which scorer a real (non-plumbing) GenEval run gets without {@code --scorer}: the detections file of the official
 * mmdet + open_clip pipeline, not the DJL detector, whose Mask2Former export is checked against mmdet on the real
 * architecture with random weights only (docs/geneval.md, "Real-architecture check"). Discovered through the plugins' ServiceLoader files, as a run does.
 */
class DefaultScorerTest {
  @Test
  void realRunsDefaultToTheDetectionsFile() {
    Registry registry = Registry.discover();
    assertEquals(GenEvalRecordedScorerProvider.ID,
        registry.chooseScorer(GenEvalBenchmark.ID, null, false, false).orElseThrow().id());
    assertEquals(GenEvalRecordedScorerProvider.ID,
        registry.chooseScorer(GenEvalBenchmark.ID, null, false, true).orElseThrow().id(), "with a judge too");
    assertEquals("geneval-djl", registry.chooseScorer(GenEvalBenchmark.ID, "geneval-djl", false, false)
        .orElseThrow().id(), "still chosen by name");
  }
}
