package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.ScoredSample;
import org.irgeval.stats.CohensKappa;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeAgreementTest {
  @TempDir
  Path tmp;

  @Test
  void kappaOverTheSameImagesOverallAndPerCategory() throws Exception {
    ToyBenchmark toy = new ToyBenchmark(30, 2);
    ToyRuns runs = new ToyRuns(toy);
    RunView a = RunView.read(runs.run(tmp.resolve("a"), 1, 0.5, 0.5), "a");
    RunView b = RunView.read(runs.run(tmp.resolve("b"), 2, 0.5, 0.5), "b");
    JudgeAgreement k = JudgeAgreement.of(toy, a, b, "reflection").orElseThrow();
    assertEquals(60, k.answers(), "one right/wrong answer per image, 30 prompts x 2 samples");
    // recomputed by hand from the two runs' right/wrong per (prompt, sample)
    Map<String, String> first = new HashMap<>();
    for (ScoredSample s : a.samples("toy", "reflection")) {
      first.put(s.prompt().id() + "#" + s.sample(), s.score().value("correct") >= 0.5 ? "right" : "wrong");
    }
    List<String> x = new ArrayList<>();
    List<String> y = new ArrayList<>();
    for (ScoredSample s : b.samples("toy", "reflection")) {
      x.add(first.get(s.prompt().id() + "#" + s.sample()));
      y.add(s.score().value("correct") >= 0.5 ? "right" : "wrong");
    }
    assertEquals(CohensKappa.of(x, y), k.kappa(), 1e-12);
    assertEquals(2, k.perCategory().size(), "categories a and b");
  }
}
