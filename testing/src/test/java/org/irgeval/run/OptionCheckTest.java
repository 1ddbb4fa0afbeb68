package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.OptionSpec;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerDescription;
import org.irgeval.api.ScorerProvider;
import org.irgeval.pipeline.images.ImagesPipelineProvider;
import org.irgeval.pipeline.reference.ReferencePipelineProvider;
import org.irgeval.testkit.ToyBenchmark;
import org.irgeval.testkit.ToyScorer;
import org.junit.jupiter.api.Test;

/** Options are checked in one place against what plugins declare; the scorer is chosen as documented. */
class OptionCheckTest {
  private static ScorerProvider scorer(String id, boolean plumbing, boolean judge, List<OptionSpec> options) {
    return new ScorerProvider() {
      @Override
      public ScorerDescription describe() {
        ScorerDescription.Kind kind = plumbing ? ScorerDescription.Kind.PLUMBING
            : judge ? ScorerDescription.Kind.JUDGE : ScorerDescription.Kind.MODEL;
        return new ScorerDescription(id, Set.of("toy", "other"), id, kind, 0, 1, List.of());
      }

      @Override
      public List<OptionSpec> options() {
        return options;
      }

      @Override
      public Scorer open(ScorerContext context) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void benchmarkOptionsTypoAndBadValueAndForeignPrefix() {
    ToyBenchmark toy = new ToyBenchmark(2, 1);
    assertEquals(Map.of("version", "v2"), OptionCheck.benchmark(toy, Map.of("version", " v2 ")));
    assertEquals("--bench-opt toy.versoin: unknown option of benchmark toy; valid keys: version (v1|v2)",
        assertThrows(IllegalArgumentException.class, () -> OptionCheck.benchmark(toy, Map.of("versoin", "v2")))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> OptionCheck.benchmark(toy, Map.of("version", "v3")))
        .getMessage().startsWith("--bench-opt toy.version=v3: 'v3' is not one of v1|v2"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.benchmarkPrefixes(List.of("toy"), Map.of("tiff", Map.of("set", "full"))))
        .getMessage().contains("'tiff' is not a benchmark of this command (benchmarks: toy)"));
  }

  @Test
  void pipelineOptionsByTypeAndFamily() {
    var ref = new ReferencePipelineProvider();
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.pipeline(ref, Map.of("mistake-rate", "1.5"))).getMessage().contains("not in [0, 1]"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.pipeline(ref, Map.of("delay-ms", "-1"))).getMessage().contains("whole number >= 0"));
    var images = new ImagesPipelineProvider();
    assertEquals(Map.of("turn2", "/x"), OptionCheck.pipeline(images, Map.of("turn2", "/x")));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> OptionCheck.pipeline(images, Map.of("turn1", "/x")))
        .getMessage().contains("valid keys: turnK"));
  }

  @Test
  void scorerOptionsAreSharedOnceAndEachScorerSeesItsOwn() {
    ScorerProvider a = scorer("a", false, false, List.of(OptionSpec.of("detections", OptionSpec.Type.TEXT, "d")));
    ScorerProvider b = scorer("b", false, false, List.of());
    OptionCheck.ScorerOptions o = OptionCheck.scorers(List.of(a, b), Map.of("concurrency", "3", "detections", "f"));
    assertEquals(3, o.concurrency().getAsInt());
    assertEquals(Map.of("detections", "f"), o.of(a));
    assertEquals(Map.of(), o.of(b));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.scorers(List.of(a, b), Map.of("detection", "f")));
    assertTrue(e.getMessage().contains("valid keys: concurrency, device (cpu|gpu), detections"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OptionCheck.scorers(List.of(b), Map.of("concurrency", "0"))).getMessage().contains(">= 1"));
  }

  @Test
  void aJudgeScorerIsChosenOnAPlumbingPipelineWhenAJudgeIsGiven() {
    ScorerProvider plumbing = scorer("p", true, true, List.of());
    ScorerProvider judge = scorer("j", false, true, List.of());
    ScorerProvider model = scorer("m", false, false, List.of());
    Registry r = new Registry(List.of(new ToyBenchmark(2, 1)), List.of(), List.of(plumbing, judge, model,
        new ToyScorer("x")));
    assertEquals("p", r.chooseScorer("toy", null, true, false).orElseThrow().id());
    assertEquals("j", r.chooseScorer("toy", null, true, true).orElseThrow().id());
    assertEquals("m", r.chooseScorer("toy", "m", true, true).orElseThrow().id());
    assertEquals("p", r.chooseScorer("other", null, true, false).orElseThrow().id(), "a provider serves two benchmarks");
    assertEquals(List.of("p", "j", "m", "toy-scorer"), r.scorersFor("toy").stream().map(ScorerProvider::id).toList());
  }
}
