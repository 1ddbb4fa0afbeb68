package org.irgeval.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.irgeval.benchmarks.geneval.rules.ColorClassifier;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.GenEvalColors;
import org.irgeval.benchmarks.geneval.rules.RuleConfig;
import org.irgeval.benchmarks.geneval.rules.RuleEngine;
import org.irgeval.benchmarks.geneval.rules.Spec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GenEval rule engine (filtering + rules, no models) over one full run's worth of images: 553 prompts x 4
 * samples = 2212 synthetic detection sets, shaped like the official file (80 single, 99 two-object, 80
 * counting, 94 colours, 100 position, 100 colour-attribute prompts) and like Mask2Former output (a few classes
 * with up to 20 rows each, scores spread over 0..1). One operation = scoring all 2212 images.
 *
 * <p>{@code java -jar perf/target/benchmarks.jar GenEvalRulesBenchmark -rf json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GenEvalRulesBenchmark {
  static final int CLASSES = 80;
  static final int IMAGES = 2212;
  static final String[] RELATIONS = {"left of", "right of", "above", "below"};

  private final RuleEngine engine = new RuleEngine(RuleConfig.OFFICIAL);
  private List<String> classNames;
  private Spec[] specs;
  private List<List<List<Detection>>> images;
  /** Deterministic stand-in for CLIP: a colour from the box position (no model in this benchmark). */
  private final ColorClassifier colors = (cls, objs) -> {
    List<String> out = new ArrayList<>(objs.size());
    for (Detection d : objs) {
      out.add(GenEvalColors.NAMES.get(Math.floorMod((int) d.x1() * 31 + (int) d.y1(), 10)));
    }
    return out;
  };

  @Setup
  public void setUp() {
    Random rnd = new Random(42);
    classNames = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      classNames.add("class" + c);
    }
    int[] perTag = {80, 99, 80, 94, 100, 100};
    List<Spec> s = new ArrayList<>();
    for (int t = 0; t < perTag.length; t++) {
      for (int i = 0; i < perTag[t]; i++) {
        s.add(spec(t, rnd));
      }
    }
    specs = s.toArray(new Spec[0]);
    images = new ArrayList<>(IMAGES);
    for (int i = 0; i < IMAGES; i++) {
      images.add(detections(specs[i / 4], rnd));
    }
  }

  private String cls(Random rnd) {
    return classNames.get(rnd.nextInt(CLASSES));
  }

  private Spec spec(int tag, Random rnd) {
    String a = cls(rnd);
    String b = cls(rnd);
    String color = GenEvalColors.NAMES.get(rnd.nextInt(10));
    return switch (tag) {
      case 0 -> new Spec("single_object", "", List.of(new Spec.Include(a, 1, null, null, -1)), List.of());
      case 1 -> new Spec("two_object", "", List.of(new Spec.Include(a, 1, null, null, -1),
          new Spec.Include(b, 1, null, null, -1)), List.of());
      case 2 -> {
        int n = 2 + rnd.nextInt(3);
        yield new Spec("counting", "", List.of(new Spec.Include(a, n, null, null, -1)),
            List.of(new Spec.Exclude(a, n + 1)));
      }
      case 3 -> new Spec("colors", "", List.of(new Spec.Include(a, 1, color, null, -1)), List.of());
      case 4 -> new Spec("position", "", List.of(new Spec.Include(b, 1, null, null, -1),
          new Spec.Include(a, 1, null, RELATIONS[rnd.nextInt(4)], 0)), List.of());
      default -> new Spec("color_attr", "", List.of(new Spec.Include(a, 1, color, null, -1),
          new Spec.Include(b, 1, GenEvalColors.NAMES.get(rnd.nextInt(10)), null, -1)), List.of());
    };
  }

  /** The wanted classes (usually present) plus a few distractor classes, up to 20 rows each, 1024 px image. */
  private List<List<Detection>> detections(Spec spec, Random rnd) {
    List<List<Detection>> raw = new ArrayList<>(CLASSES);
    for (int c = 0; c < CLASSES; c++) {
      raw.add(new ArrayList<>());
    }
    List<String> present = new ArrayList<>();
    spec.include().forEach(r -> present.add(r.className()));
    for (int k = 0; k < 3; k++) {
      present.add(cls(rnd));
    }
    for (String name : present) {
      int rows = rnd.nextInt(21);
      List<Detection> list = raw.get(classNames.indexOf(name));
      for (int r = 0; r < rows; r++) {
        float x = rnd.nextInt(900);
        float y = rnd.nextInt(900);
        list.add(new Detection(x, y, x + 20 + rnd.nextInt(100), y + 20 + rnd.nextInt(100), rnd.nextFloat()));
      }
    }
    return raw;
  }

  @Benchmark
  public int scoreAllImages() throws Exception {
    int correct = 0;
    for (int i = 0; i < IMAGES; i++) {
      if (engine.score(specs[i / 4], classNames, images.get(i), colors).correct()) {
        correct++;
      }
    }
    return correct;
  }
}
