package org.irgeval.benchmarks.tiif;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 39 TIIF types and the 9 groups of the official overall, spelled as A113N-W3I/TIIF-Bench@3aae750
 * {@code eval/summary_dimension_results.py} l.30-46 spells them (dict keys prefixed as the script's column names,
 * l.77-87), and the two "following" means it also prints (l.49-53). docs/tiif.md section 1.4.
 */
public final class TiifGroups {
  /** The 9 groups of the overall, in the script's order (l.77-87), each with its types (l.30-46). */
  public static final Map<String, List<String>> GROUPS = groups();
  /** Types of "Basic_Following_Overall" (l.49): the 12 types of the three basic groups. */
  public static final List<String> BASIC_FOLLOWING = following("Basic_");
  /** Types of "Advanced_Following_Overall" (l.51): the 26 types of the five advanced groups. */
  public static final List<String> ADVANCED_FOLLOWING = following("Advanced_");

  private TiifGroups() {}

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("Basic_Attribute", List.of("shape+color", "color+texture", "texture+color", "shape+texture"));
    g.put("Basic_Relation", List.of("2d_spatial_relation", "3d_spatial_relation", "action+2d", "action+3d"));
    g.put("Basic_Reasoning", List.of("numeracy", "negation", "differentiation", "comparison"));
    g.put("Advanced_Attribute+Relation", List.of("action+color", "action+texture", "color+2d", "color+3d", "shape+2d",
        "shape+3d", "texture+2d", "texture+3d"));
    g.put("Advanced_Attribute+Reasoning", List.of("numeracy+color", "numeracy+texture", "comparison+color",
        "comparison+texture", "differentiation+color", "differentiation+texture", "negation+color",
        "negation+texture"));
    g.put("Advanced_Relation+Reasoning", List.of("numeracy+2d", "numeracy+3d", "comparison+2d", "comparison+3d",
        "differentiation+2d", "differentiation+3d", "negation+2d", "negation+3d"));
    g.put("Advanced_Text Generation", List.of("text"));
    g.put("Advanced_Style Control", List.of("style"));
    g.put("Real_Complex", List.of("real_world"));
    return Collections.unmodifiableMap(g);
  }

  private static List<String> following(String prefix) {
    List<String> out = new ArrayList<>();
    GROUPS.forEach((g, types) -> {
      if (g.startsWith(prefix)) {
        out.addAll(types);
      }
    });
    return List.copyOf(out);
  }

  /** The group of a type, if it is one of the 39. */
  public static Optional<String> groupOf(String type) {
    return GROUPS.entrySet().stream().filter(e -> e.getValue().contains(type)).map(Map.Entry::getKey).findFirst();
  }

  /** All 39 types in group order. */
  public static List<String> types() {
    List<String> out = new ArrayList<>();
    GROUPS.values().forEach(out::addAll);
    return List.copyOf(out);
  }
}
