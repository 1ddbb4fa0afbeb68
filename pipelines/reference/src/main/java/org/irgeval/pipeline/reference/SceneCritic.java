package org.irgeval.pipeline.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference pipeline's "reflection": compares what {@link SceneReader} sees in a drawing with the scene
 * hints and lists what is wrong (counts, colours, relations). Text is not checked (no OCR in the loop).
 */
public final class SceneCritic {
  public List<String> findings(SceneHints hints, List<SeenObject> seen) {
    List<String> out = new ArrayList<>();
    List<List<SeenObject>> byKind = new ArrayList<>();
    for (SceneObject o : hints.objects()) {
      List<SeenObject> mine = seen.stream().filter(s -> s.code() == o.code()).toList();
      byKind.add(mine);
      if (mine.size() != o.count()) {
        out.add("expected " + o.count() + " " + o.label() + ", saw " + mine.size());
      }
      if (o.color() != null) {
        for (SeenObject s : mine) {
          String c = ReferencePalette.nearest(s.meanRgb());
          if (!c.equals(o.color())) {
            out.add("a " + o.label() + " is " + c + ", not " + o.color());
            break;
          }
        }
      }
    }
    for (int k = 0; k < hints.objects().size(); k++) {
      SceneObject o = hints.objects().get(k);
      if (o.relation() == null || o.relativeTo() < 0 || o.relativeTo() >= byKind.size()) {
        continue;
      }
      SeenObject a = first(byKind.get(k));
      SeenObject b = first(byKind.get(o.relativeTo()));
      if (a != null && b != null && !holds(o.relation(), a, b)) {
        out.add("the " + o.label() + " is not " + o.relation() + " the " + hints.objects().get(o.relativeTo()).label());
      }
    }
    return out;
  }

  private static SeenObject first(List<SeenObject> xs) {
    return xs.stream().min(Comparator.comparingInt(SeenObject::y1).thenComparingInt(SeenObject::x1)).orElse(null);
  }

  private static boolean holds(String rel, SeenObject a, SeenObject b) {
    double dx = (a.x1() + a.x2()) / 2.0 - (b.x1() + b.x2()) / 2.0;
    double dy = (a.y1() + a.y2()) / 2.0 - (b.y1() + b.y2()) / 2.0;
    return switch (rel) {
      case "left of" -> dx < 0 && Math.abs(dx) > Math.abs(dy);
      case "right of" -> dx > 0 && Math.abs(dx) > Math.abs(dy);
      case "above" -> dy < 0 && Math.abs(dy) > Math.abs(dx);
      case "below" -> dy > 0 && Math.abs(dy) > Math.abs(dx);
      default -> true;
    };
  }
}
