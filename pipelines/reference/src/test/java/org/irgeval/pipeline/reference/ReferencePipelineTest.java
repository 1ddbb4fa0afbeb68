package org.irgeval.pipeline.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Prompt;
import org.junit.jupiter.api.Test;

class ReferencePipelineTest {
  private static final SceneHints CAT_LEFT_OF_BENCH = new SceneHints(List.of(
      new SceneObject("bench", 13, 1, "brown", null, -1),
      new SceneObject("cat", 15, 1, "white", "left of", 0)), null);

  private static GenerationRequest req(long seed, int turns) {
    Prompt p = new Prompt("00008", 8, "a photo of a cat left of a bench", "position", null);
    return new GenerationRequest("g/00008/s0", "g", p, 0, seed, turns);
  }

  /** A pipeline whose benchmark "g" gives every prompt {@code hints}. */
  private static ReferencePipeline pipeline(MistakeModel mistakes, SceneHints hints) {
    return new ReferencePipeline(mistakes, 1, 0, id -> p -> hints);
  }

  @Test
  void readerRecoversWhatTheRendererDrew() {
    ScenePlan plan = new ScenePlan(List.of(
        new ScenePlan.Instance(13, "bench", "brown", 2, 1, 1),
        new ScenePlan.Instance(15, "cat", "white", 0, 1, 3),
        new ScenePlan.Instance(200, "kite", "pink", 3, 3, 0),
        new ScenePlan.Instance(1, "bike", "blue", 1, 3, 2)), "OPEN");
    List<SeenObject> seen = new SceneReader().read(new SceneRenderer().render(plan));
    assertEquals(4, seen.size());
    List<SeenObject> sorted = seen.stream().sorted(Comparator.comparingInt(SeenObject::code)).toList();
    assertEquals(List.of(1, 13, 15, 200), sorted.stream().map(SeenObject::code).toList());
    assertEquals(List.of("blue", "brown", "white", "pink"),
        sorted.stream().map(s -> ReferencePalette.nearest(s.meanRgb())).toList());
    SeenObject bench = sorted.get(1);
    // A square body: cell (2,1) -> x from 2*64+12, y from 64+18, 40 px, exclusive right/bottom edges.
    assertEquals(List.of(140, 82, 180, 122), List.of(bench.x1(), bench.y1(), bench.x2(), bench.y2()));
    int maskPixels = 0;
    for (boolean b : bench.mask()) {
      maskPixels += b ? 1 : 0;
    }
    assertEquals(40 * 40, maskPixels);
  }

  @Test
  void sameSeedSamePixelsAndTurnTwoFixesWhatTurnOneGotWrong() throws Exception {
    ReferencePipeline always = pipeline(new MistakeModel(1.0, 0.0), CAT_LEFT_OF_BENCH);
    Generation a = always.generate(req(5, 2));
    Generation b = always.generate(req(5, 2));
    assertArrayEquals(a.turns().get(0).png(), b.turns().get(0).png());
    assertTrue(a.plumbing());
    assertTrue(a.turns().get(0).text().contains("plumbing check"));
    SceneCritic critic = new SceneCritic();
    SceneReader reader = new SceneReader();
    List<String> before = critic.findings(CAT_LEFT_OF_BENCH,
        reader.read(ImageIO.read(new ByteArrayInputStream(a.turns().get(0).png()))));
    List<String> after = critic.findings(CAT_LEFT_OF_BENCH,
        reader.read(ImageIO.read(new ByteArrayInputStream(a.turns().get(1).png()))));
    assertFalse(before.isEmpty(), "mistake rate 1 makes every mistake type in turn 1");
    assertEquals(List.of(), after, "a clean re-draw after the reflection");
    assertTrue(a.turns().get(1).text().contains("Checked image 1"), a.turns().get(1).text());
  }

  @Test
  void plannerMakesEachMistakeTypeAtRateOne() {
    ScenePlanner.Drawn d = new ScenePlanner().plan(new SceneHints(List.of(
        new SceneObject("cup", 41, 2, "red", null, -1),
        new SceneObject("dog", 16, 1, null, "above", 0)), "HELLO"), "p", new Random(1), 1.0);
    String all = String.join(" | ", d.mistakes());
    assertTrue(all.contains("misspelt text"), all);
    assertTrue(all.contains("instead of 2"), all);
    assertTrue(all.contains("painted the cup"), all);
    assertTrue(all.contains("put the dog below"), all);
    assertFalse(d.plan().text().equals("HELLO"));
  }

  @Test
  void withoutMistakesThePlanIsFaithful() {
    ScenePlanner.Drawn d = new ScenePlanner().plan(CAT_LEFT_OF_BENCH, "p", new Random(3), 0.0);
    assertEquals(List.of(), d.mistakes());
    assertEquals(List.of(), new SceneCritic().findings(CAT_LEFT_OF_BENCH,
        new SceneReader().read(new SceneRenderer().render(d.plan()))));
  }

  @Test
  void onlyOneTurnWithoutReflection() throws Exception {
    assertEquals(1, pipeline(MistakeModel.DEFAULT, SceneHints.NONE).generate(req(1, 1)).turns().size());
  }

  @Test
  void unknownOptionsAreErrorsNotSilentlyIgnored() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> org.irgeval.run.OptionCheck.pipeline(new ReferencePipelineProvider(), java.util.Map.of("mistake_rate", "0.5")));
    assertTrue(e.getMessage().contains("mistake_rate") && e.getMessage().contains("mistake-rate"), e.getMessage());
  }
}
