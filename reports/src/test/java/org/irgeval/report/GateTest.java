package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.testkit.TestFiles;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression gate's exit codes on real toy runs (60 prompts, 2 images each, two turns). One instance serves
 * every test so that each distinct run is made once: the gate only reads run directories.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateTest {
  @TempDir
  Path tmp;

  private final ToyRuns runs = new ToyRuns(new ToyBenchmark(60, 2));
  private final Map<String, RunView> made = new HashMap<>();

  /** The toy run named {@code name} (made on first use; a name always stands for the same arguments). */
  private RunView run(String name, long seed, double mistakeRate, double reflectionMistakeRate) throws Exception {
    RunView v = made.get(name);
    if (v == null) {
      v = RunView.read(runs.run(tmp.resolve(name), seed, mistakeRate, reflectionMistakeRate), name);
      made.put(name, v);
    }
    return v;
  }

  private RunView base() throws Exception {
    return run("a", 1, 0.2, 0.0);
  }

  private Gate gate() {
    return new Gate(runs.registry, new Comparisons(new StratifiedBootstrap(1000, 11)));
  }

  private static Gate.Options opts(double maxDrop) {
    return Gate.Options.defaults().withMargin(maxDrop, 0.05);
  }

  @Test
  void anotherSeedPassesOnEveryVariantADegradedCandidateFailsAndNothingInCommonIsUnusable() throws Exception {
    RunView base = base();
    RunView other = run("b", 2, 0.2, 0.0);
    Gate.Outcome same = gate().run(base, other, opts(0.05));
    assertEquals(Gate.PASS, same.code(), same.toString());
    assertEquals(List.of("no-reflection", "reflection"), same.verdicts().stream().map(Gate.Verdict::variant).toList());
    Comparison c = same.verdicts().get(1).comparison();
    assertEquals(60, c.prompts());
    assertTrue(c.mcnemar() != null, "binary image scores take McNemar's test");

    RunView bad = run("bad", 3, 1.0, 1.0);
    Gate.Outcome worse = gate().run(base, bad, opts(0.01));
    assertEquals(Gate.FAIL, worse.code(), worse.toString());
    Gate.Verdict v = worse.verdicts().get(1);
    assertTrue(v.failed());
    assertTrue(v.comparison().delta() < -0.1, "delta " + v.comparison().delta());
    assertTrue(v.comparison().broken() > 0);

    Gate.Outcome none = gate().run(base, bad, opts(0.01).withVariant("turn-7"));
    assertEquals(Gate.UNUSABLE, none.code());
    assertFalse(none.skipped().isEmpty());
  }

  /** The case: turn-1 images collapse, reflection repairs them; the last variant alone would pass. */
  @Test
  void aDegradedFirstTurnFailsOnNoReflectionEvenWhenReflectionRepairsIt() throws Exception {
    RunView base = base();
    RunView cand = run("c", 2, 1.0, 0.0);
    Gate.Outcome o = gate().run(base, cand, opts(0.01));
    assertEquals(Gate.FAIL, o.code(), o.toString());
    Gate.Verdict turn1 = o.verdicts().get(0);
    Gate.Verdict reflection = o.verdicts().get(1);
    assertEquals("no-reflection", turn1.variant());
    assertTrue(turn1.failed(), turn1.toString());
    assertEquals("reflection", reflection.variant());
    assertFalse(reflection.failed(), reflection.toString());
    // Holm over benchmark x variant: the adjusted p is never below the raw one
    assertTrue(turn1.pAdjusted() >= turn1.comparison().pWorse());
    assertTrue(Gate.Options.defaults().withVariant("reflection") != null);
    assertEquals(Gate.PASS, gate().run(base, cand, opts(0.01).withVariant("reflection")).code(),
        "the old gate's single variant passes it");
  }

  @Test
  void runsScoredByAnotherBackEndAreRefusedNamingTheScorerUnlessAllowed() throws Exception {
    RunView base = base();
    ToyRuns judged = new ToyRuns(new ToyBenchmark(60, 2), ToyRuns.judged());
    RunView cand = RunView.read(judged.run(tmp.resolve("j"), 1, 0.2, 0.0), "j");
    Gate.Outcome o = gate().run(base, cand, opts(0.01));
    assertEquals(Gate.UNUSABLE, o.code());
    assertTrue(o.verdicts().isEmpty());
    String why = String.join("\n", o.reasons());
    assertTrue(why.contains("scorer: toy-scorer → toy-judge") && why.contains("judge: none → judge-vlm-7b"), why);

    Gate.Outcome allowed = gate().run(base, cand, opts(0.01).withAllowSettingChange(true));
    assertEquals(Gate.PASS, allowed.code(), allowed.toString());
    assertTrue(allowed.verdicts().stream().allMatch(v -> v.changes().contains("scorer: toy-scorer → toy-judge")));
  }

  @Test
  void tooFewPairedPromptsGiveNoVerdictUnlessTheMinimumIsLowered() throws Exception {
    ToyRuns small = new ToyRuns(new ToyBenchmark(7, 1));
    RunView a = RunView.read(small.run(tmp.resolve("s1"), 1, 0.2, 0.0), "s1");
    RunView b = RunView.read(small.run(tmp.resolve("s2"), 2, 0.2, 0.0), "s2");
    Gate g = new Gate(small.registry, new Comparisons(new StratifiedBootstrap(1000, 11)));
    Gate.Outcome o = g.run(a, b, opts(0.01));
    assertEquals(Gate.UNUSABLE, o.code());
    assertTrue(o.verdicts().isEmpty());
    assertTrue(o.reasons().get(0).contains("7 paired prompts, fewer than the minimum 30"), o.reasons().toString());
    assertEquals(2, g.run(a, b, opts(0.01).withMinPrompts(5)).verdicts().size());
  }

  /** A copy of a toy run whose last variant is named "imported" (as {@code irg-eval import} names it). */
  private Path asImported(String name, long seed, double mistakeRate, double reflectionMistakeRate)
      throws Exception {
    run(name, seed, mistakeRate, reflectionMistakeRate);
    Path from = tmp.resolve(name);
    Path run = tmp.resolve(name + "-imported");
    TestFiles.copyTree(from, run);
    for (String f : List.of("summary.json", "scores.jsonl")) {
      Path p = run.resolve(f);
      Files.writeString(p, Files.readString(p).replace("\"reflection\"", "\"imported\""));
    }
    return run;
  }

  @Test
  void anImportedVariantIsPairedThroughTheVariantMap() throws Exception {
    RunView base = base();
    RunView imported = RunView.read(asImported("bad", 3, 1.0, 1.0), "i");
    Gate.Outcome unmapped = gate().run(base, imported, opts(0.01).withVariant("reflection"));
    assertEquals(Gate.UNUSABLE, unmapped.code());
    assertTrue(unmapped.skipped().get(0).contains("--variant-map"), unmapped.skipped().toString());

    Gate.Outcome o = gate().run(base, imported, opts(0.01).withVariantMap(Map.of("imported", "reflection")));
    assertEquals(List.of("no-reflection", "reflection → imported"),
        o.verdicts().stream().map(Gate.Verdict::variant).toList());
    assertEquals(Gate.FAIL, o.code());
    assertTrue(o.verdicts().get(1).failed());
  }
}
