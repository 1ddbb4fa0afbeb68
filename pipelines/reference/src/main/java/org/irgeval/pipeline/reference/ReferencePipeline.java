package org.irgeval.pipeline.reference;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.Prompt;
import org.irgeval.api.DataException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CPU reference pipeline: a deterministic, seeded stand-in for a thinking/reflecting model, so the whole
 * harness can run end to end without a GPU. Turn 1 plans the scene from the benchmark's hints (its
 * "thinking"), draws it with seeded mistakes; each later turn reads the previous drawing back with
 * {@link SceneReader}, lists what is wrong ({@link SceneCritic}) as its "reflection", and re-draws. It is a
 * plumbing check, never a model: every run and report made from it says so.
 */
public final class ReferencePipeline implements Pipeline {
  /** Bump when drawings change, so old runs refuse to resume with new pixels. */
  static final String RENDERER_VERSION = "2";

  private final MistakeModel mistakes;
  private final int parallelism;
  private final ScenePlanner planner = new ScenePlanner();
  private final SceneRenderer renderer = new SceneRenderer();
  private final SceneReader reader = new SceneReader();
  private final SceneCritic critic = new SceneCritic();

  private final long delayMs;
  private final ReferenceScenes.Lookup scenes;
  /** Per benchmark id: its prompts' hints, read once (the hook may load a class list). */
  private final Map<String, Function<Prompt, SceneHints>> hints = new ConcurrentHashMap<>();

  /**
   * @param delayMs latency added to every turn (not part of the settings: it never changes pixels)
   * @param scenes  the hints of a benchmark's prompts ({@link ReferenceScenes#lookup})
   */
  public ReferencePipeline(MistakeModel mistakes, int parallelism, long delayMs, ReferenceScenes.Lookup scenes) {
    this.mistakes = mistakes;
    this.parallelism = Math.max(1, parallelism);
    this.delayMs = delayMs;
    this.scenes = scenes;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", "reference");
    m.put("renderer_version", RENDERER_VERSION);
    m.put("size", SceneRenderer.SIZE);
    m.put("mistake_rate", mistakes.rate());
    m.put("reflection_mistake_rate", mistakes.reflectionRate());
    return m;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public Generation generate(GenerationRequest request) throws InterruptedException, DataException {
    SceneHints hints = hintsOf(request.benchmark()).apply(request.prompt());
    List<GeneratedTurn> turns = new ArrayList<>();
    long t0 = System.nanoTime();
    ScenePlanner.Drawn drawn = planner.plan(hints, request.prompt().text(), new Random(request.seed()), mistakes.rate());
    String think = "<think>[reference pipeline: plumbing check, not a model] Scene plan for \""
        + request.prompt().text() + "\": " + describe(drawn.plan()) + "</think>";
    long t1 = System.nanoTime();
    BufferedImage img = renderer.render(drawn.plan());
    byte[] png = SceneRenderer.png(img);
    Thread.sleep(delayMs);
    long t2 = System.nanoTime();
    turns.add(turn(think, png, t1 - t0, t2 - t1));
    for (int turn = 2; turn <= request.turns(); turn++) {
      long r0 = System.nanoTime();
      List<String> findings = hints.isEmpty() ? List.of() : critic.findings(hints, reader.read(img));
      String reflection;
      if (findings.isEmpty()) {
        reflection = "<think>[reference pipeline: plumbing check] Checked image " + (turn - 1)
            + (hints.isEmpty() ? " (no structured plan to check against)" : " against the plan: nothing to fix")
            + "; drawing it again unchanged.</think>";
      } else {
        drawn = planner.plan(hints, request.prompt().text(), new Random(request.seed() * 31 + turn),
            mistakes.reflectionRate());
        reflection = "<think>[reference pipeline: plumbing check] Checked image " + (turn - 1) + " against the plan: "
            + String.join("; ", findings) + ". Re-drawing: " + describe(drawn.plan()) + "</think>";
      }
      long r1 = System.nanoTime();
      img = renderer.render(drawn.plan());
      png = SceneRenderer.png(img);
      Thread.sleep(delayMs);
      turns.add(turn(reflection, png, r1 - r0, System.nanoTime() - r1));
    }
    return new Generation(turns, Map.of("name", "reference-pipeline", "checkpoint", "none (plumbing check)"),
        "reference", true);
  }

  private Function<Prompt, SceneHints> hintsOf(String benchmark) throws DataException {
    Function<Prompt, SceneHints> h = hints.get(benchmark);
    if (h == null) {
      h = scenes.hintsOf(benchmark);
      hints.putIfAbsent(benchmark, h);
    }
    return h;
  }

  private static GeneratedTurn turn(String text, byte[] png, long textNanos, long imageNanos) {
    return new GeneratedTurn(text, png, Map.of("text", textNanos / 1_000_000, "image", imageNanos / 1_000_000),
        Map.of("text", text.split("\\s+").length));
  }

  private static String describe(ScenePlan plan) {
    StringBuilder sb = new StringBuilder();
    for (ScenePlan.Instance in : plan.instances()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(in.color()).append(' ').append(in.label()).append(" at (").append(in.col()).append(',')
          .append(in.row()).append(')');
    }
    if (plan.text() != null) {
      sb.append(sb.length() > 0 ? ", " : "").append("text \"").append(plan.text()).append('"');
    }
    return sb.length() == 0 ? "an empty scene" : sb.toString();
  }
}
