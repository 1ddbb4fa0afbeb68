package org.irgeval.pipeline.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Turns scene hints into a drawable plan, making seeded mistakes (wrong count, wrong colour, swapped
 * position, misspelt text) at a given rate. Without hints it plans a small generic scene from the prompt.
 */
public final class ScenePlanner {
  /** Code painted on objects of prompts without structured hints. */
  public static final int GENERIC_CODE = 255;

  /**
   * A planned drawing and the mistakes deliberately made in it.
   *
   * @param plan     what to draw
   * @param mistakes human-readable mistakes (empty when the plan is faithful)
   */
  public record Drawn(ScenePlan plan, List<String> mistakes) {}

  public Drawn plan(SceneHints hints, String promptText, Random rnd, double mistakeRate) {
    List<String> mistakes = new ArrayList<>();
    String text = hints.text();
    if (text != null && !text.isBlank() && text.length() > 1 && rnd.nextDouble() < mistakeRate) {
      text = misspell(text, rnd);
      mistakes.add("misspelt text '" + hints.text() + "' as '" + text + "'");
    }
    int rows = text == null || text.isBlank() ? SceneRenderer.GRID : SceneRenderer.GRID - 1;
    List<int[]> free = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < SceneRenderer.GRID; c++) {
        free.add(new int[] {c, r});
      }
    }
    List<ScenePlan.Instance> out = new ArrayList<>();
    if (hints.objects().isEmpty()) {
      int n = 1 + Math.floorMod(promptText.hashCode(), 3);
      Collections.shuffle(free, rnd);
      List<String> names = ReferencePalette.names();
      for (int i = 0; i < n; i++) {
        int[] cell = free.get(i);
        out.add(new ScenePlan.Instance(GENERIC_CODE, "thing", names.get(rnd.nextInt(names.size())), cell[0], cell[1],
            rnd.nextInt(4)));
      }
      return new Drawn(new ScenePlan(out, text), mistakes);
    }
    List<int[]> anchors = relationCells(hints, rnd, mistakeRate, mistakes);
    for (int[] a : anchors) {
      if (a != null) {
        free.removeIf(c -> c[0] == a[0] && c[1] == a[1]);
      }
    }
    Collections.shuffle(free, rnd);
    int nextFree = 0;
    for (int k = 0; k < hints.objects().size(); k++) {
      SceneObject o = hints.objects().get(k);
      int count = o.count();
      if (rnd.nextDouble() < mistakeRate) {
        int wrong = count <= 1 ? (rnd.nextBoolean() ? 0 : 2) : count + (rnd.nextBoolean() ? 1 : -1);
        mistakes.add("drew " + wrong + " " + o.label() + " instead of " + count);
        count = wrong;
      }
      String color = o.color() != null ? o.color() : pickColor(rnd, null);
      if (o.color() != null && rnd.nextDouble() < mistakeRate) {
        color = pickColor(rnd, o.color());
        mistakes.add("painted the " + o.label() + " " + color + " instead of " + o.color());
      }
      int shape = o.code() & 3;
      for (int i = 0; i < count; i++) {
        int[] cell;
        if (i == 0 && anchors.get(k) != null) {
          cell = anchors.get(k);
        } else if (nextFree < free.size()) {
          cell = free.get(nextFree++);
        } else {
          break;
        }
        out.add(new ScenePlan.Instance(o.code(), o.label(), color, cell[0], cell[1], shape));
      }
    }
    return new Drawn(new ScenePlan(out, text), mistakes);
  }

  /**
   * Fixed cells for an object with a relation and its reference object: two cells apart in the stated
   * direction (or the opposite one, as a seeded mistake). Null for objects without relations.
   */
  private static List<int[]> relationCells(SceneHints hints, Random rnd, double mistakeRate, List<String> mistakes) {
    List<int[]> cells = new ArrayList<>(Collections.nCopies(hints.objects().size(), (int[]) null));
    for (int k = 0; k < hints.objects().size(); k++) {
      SceneObject o = hints.objects().get(k);
      if (o.relation() == null || o.relativeTo() < 0 || o.relativeTo() >= hints.objects().size()
          || cells.get(o.relativeTo()) != null) {
        continue;
      }
      String rel = o.relation();
      if (rnd.nextDouble() < mistakeRate) {
        rel = opposite(rel);
        mistakes.add("put the " + o.label() + " " + rel + " the " + hints.objects().get(o.relativeTo()).label()
            + " instead of " + o.relation());
      }
      int[][] pair = switch (rel) {
        case "left of" -> new int[][] {{0, 1}, {2, 1}};
        case "right of" -> new int[][] {{3, 1}, {1, 1}};
        case "above" -> new int[][] {{1, 0}, {1, 2}};
        case "below" -> new int[][] {{1, 2}, {1, 0}};
        default -> null;
      };
      if (pair != null) {
        cells.set(k, pair[0]);
        cells.set(o.relativeTo(), pair[1]);
      }
    }
    return cells;
  }

  static String opposite(String rel) {
    return switch (rel) {
      case "left of" -> "right of";
      case "right of" -> "left of";
      case "above" -> "below";
      case "below" -> "above";
      default -> rel;
    };
  }

  private static String pickColor(Random rnd, String not) {
    List<String> names = new ArrayList<>(ReferencePalette.names());
    names.remove(not);
    return names.get(rnd.nextInt(names.size()));
  }

  private static String misspell(String text, Random rnd) {
    char[] cs = text.toCharArray();
    int i = rnd.nextInt(cs.length - 1);
    char t = cs[i];
    cs[i] = cs[i + 1];
    cs[i + 1] = t;
    String s = new String(cs);
    return s.equals(text) ? text + text.charAt(text.length() - 1) : s;
  }
}
