package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.irgeval.api.DataException;
import org.irgeval.benchmarks.geneval.rules.GenEvalColors;
import org.irgeval.benchmarks.geneval.rules.Spec;

/**
 * Validates one metadata object (docs/geneval.md, "Metadata format") and turns it into a {@link Spec}. Everything the
 * official evaluator would crash on or silently misread is an error naming file, line and field.
 */
public final class SpecParser {
  /** The four relations relative_position can return (evaluate_images.py l.153-156). */
  public static final Set<String> RELATIONS = Set.of("left of", "right of", "above", "below");
  /** The six tags, in the order of the official file (and of the paper table). */
  public static final List<String> TAGS =
      List.of("single_object", "two_object", "counting", "colors", "position", "color_attr");

  private final ClassNames classes;
  private final String file;
  private final String source;

  /**
   * @param classes the class list the names must come from
   * @param file    file name for errors
   * @param source  where the official file can be obtained (for errors)
   */
  public SpecParser(ClassNames classes, String file, String source) {
    this.classes = classes;
    this.file = file;
    this.source = source;
  }

  public Spec parse(JsonNode node, long line) throws DataException {
    if (node == null || !node.isObject()) {
      throw error(line, null, "expected one JSON object");
    }
    ObjectNode o = (ObjectNode) node;
    String tag = text(o, "tag", line);
    if (!TAGS.contains(tag)) {
      throw error(line, "tag", "unknown tag '" + tag + "' (expected one of " + TAGS + ")");
    }
    String prompt = text(o, "prompt", line);
    JsonNode inc = o.get("include");
    if (inc == null || !inc.isArray() || inc.isEmpty()) {
      throw error(line, "include", "expected a non-empty array");
    }
    List<Spec.Include> include = new ArrayList<>();
    for (int i = 0; i < inc.size(); i++) {
      include.add(include(inc.get(i), "include[" + i + "]", i, line));
    }
    List<Spec.Exclude> exclude = new ArrayList<>();
    JsonNode exc = o.get("exclude");
    if (exc != null) {
      if (!exc.isArray()) {
        throw error(line, "exclude", "expected an array");
      }
      for (int i = 0; i < exc.size(); i++) {
        String f = "exclude[" + i + "]";
        JsonNode e = exc.get(i);
        if (!e.isObject()) {
          throw error(line, f, "expected an object");
        }
        exclude.add(new Spec.Exclude(className(e, f, line), count(e, f, line)));
      }
    }
    return new Spec(tag, prompt, include, exclude);
  }

  private Spec.Include include(JsonNode r, String f, int index, long line) throws DataException {
    if (!r.isObject()) {
      throw error(line, f, "expected an object");
    }
    String cls = className(r, f, line);
    int count = count(r, f, line);
    String color = null;
    if (r.has("color")) {
      JsonNode c = r.get("color");
      if (!c.isTextual() || !GenEvalColors.NAMES.contains(c.textValue())) {
        throw error(line, f + ".color", "expected one of " + GenEvalColors.NAMES + ", found " + c);
      }
      color = c.textValue();
    }
    String relation = null;
    int target = -1;
    if (r.has("position")) {
      JsonNode p = r.get("position");
      if (!p.isArray() || p.size() != 2 || !p.get(0).isTextual() || !p.get(1).canConvertToInt()
          || !p.get(1).isIntegralNumber()) {
        throw error(line, f + ".position", "expected [relation, include index], found " + p);
      }
      relation = p.get(0).textValue();
      if (!RELATIONS.contains(relation)) {
        throw error(line, f + ".position", "unknown relation '" + relation + "' (expected one of "
            + List.of("left of", "right of", "above", "below") + ")");
      }
      target = p.get(1).intValue();
      // evaluate_images.py l.194 indexes matched_groups, which holds only the EARLIER include entries.
      if (target < 0 || target >= index) {
        throw error(line, f + ".position", "target index " + target + " must point to an earlier include entry");
      }
    }
    return new Spec.Include(cls, count, color, relation, target);
  }

  private String className(JsonNode r, String f, long line) throws DataException {
    JsonNode c = r.get("class");
    if (c == null || !c.isTextual()) {
      throw error(line, f + ".class", "expected a class name string");
    }
    if (classes.indexOf(c.textValue()) < 0) {
      throw error(line, f + ".class", "'" + c.textValue() + "' is not in " + ClassNames.PATH);
    }
    return c.textValue();
  }

  private int count(JsonNode r, String f, long line) throws DataException {
    JsonNode c = r.get("count");
    if (c == null || !c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 1) {
      throw error(line, f + ".count", "expected an integer >= 1, found " + c);
    }
    return c.intValue();
  }

  private String text(ObjectNode o, String field, long line) throws DataException {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual() || n.textValue().isBlank()) {
      throw error(line, field, "expected a non-empty string");
    }
    return n.textValue();
  }

  private DataException error(long line, String field, String problem) {
    return new DataException(file, line, field, problem, source);
  }
}
