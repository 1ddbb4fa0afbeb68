package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.util.Json;

/**
 * A named set of generation settings taken from one official script, every value cited (file + line) in
 * {@link #sources}. Loaded from {@code /presets/<name>.json} on the class path; docs/presets.md lists them.
 *
 * @param name         preset name (the file name)
 * @param description  one line for {@code irg-eval list}
 * @param mode         protocol mode
 * @param defaultTurns image turns when the command line does not say (IRG 2, BAGEL 1)
 * @param width        image width in pixels
 * @param height       image height in pixels
 * @param think        text sampling, null for {@link Mode#PLAIN}
 * @param systemPrompt file name of the official system prompt under {@code <data>/irg/}, null for plain
 * @param turnParams   per-turn image parameters; turns beyond the list reuse its last element
 * @param sources      "json.path" of every value above -> "repo@commit file:line ..." citation
 * @param notes        discrepancies and choices, for docs and the manifest
 */
public record Preset(String name, String description, Mode mode, int defaultTurns, int width, int height,
                     ThinkParams think, String systemPrompt, List<TurnParams> turnParams, Map<String, String> sources,
                     List<String> notes) {
  /** The presets shipped on the class path, in display order. */
  public static final List<String> NAMES = List.of("irg-paper", "irg-paper-cfg2", "bagel-plain", "bagel-think",
      "bagel-think-2025-06");
  /** The preset used when {@code --preset} is not given. */
  public static final String DEFAULT = "irg-paper";

  public Preset {
    if (name == null || mode == null || turnParams == null || sources == null) {
      throw new IllegalArgumentException("preset " + name + ": name, mode, turn_params and sources are required");
    }
    turnParams = List.copyOf(turnParams);
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (turnParams.isEmpty()) {
      throw new IllegalArgumentException("preset " + name + ": turn_params is empty");
    }
    if (mode.thinks() != (think != null) || mode.thinks() != (systemPrompt != null)) {
      throw new IllegalArgumentException("preset " + name + ": mode " + mode.wire()
          + (mode.thinks() ? " needs" : " takes no") + " 'think' and 'system_prompt'");
    }
    if (mode.singleTurn() && (defaultTurns != 1 || turnParams.size() != 1)) {
      throw new IllegalArgumentException("preset " + name + ": mode " + mode.wire() + " has exactly one turn");
    }
    if (defaultTurns < 1 || width < 16 || height < 16 || width % 16 != 0 || height % 16 != 0) {
      // the latent is reshaped by h//16, w//16 (tiif_multi_turn_gen.py:384)
      throw new IllegalArgumentException("preset " + name + ": turns >= 1 and sizes a multiple of 16 required");
    }
  }

  /** The parameters of {@code turns} turns: the preset's own, then its last turn repeated (turn k > 2). */
  public List<TurnParams> turnParamsFor(int turns) {
    if (turns < 1) {
      throw new IllegalArgumentException("turns must be >= 1: " + turns);
    }
    if (mode.singleTurn() && turns != 1) {
      throw new IllegalArgumentException("preset " + name + " (mode " + mode.wire() + ") makes one image; got --turns "
          + turns);
    }
    List<TurnParams> out = new ArrayList<>(turns);
    for (int i = 0; i < turns; i++) {
      out.add(turnParams.get(Math.min(i, turnParams.size() - 1)));
    }
    return out;
  }

  /** Loads a shipped preset; an unknown name lists the known ones. */
  public static Preset load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown preset '" + name + "'; known presets: " + NAMES);
    }
    String resource = "/presets/" + name + ".json";
    try (InputStream in = Preset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the jar: " + resource);
      }
      ObjectMapper mapper = Json.mapper();
      JsonNode tree = mapper.readTree(in);
      Preset preset = mapper.treeToValue(tree, Preset.class);
      if (!name.equals(preset.name())) {
        throw new IllegalStateException(resource + ": name '" + preset.name() + "' differs from the file name");
      }
      List<String> uncited = uncitedValues(tree, preset.sources());
      if (!uncited.isEmpty()) {
        // the project rule: every preset value cites its source
        throw new IllegalStateException(resource + ": values without a 'sources' entry: " + uncited);
      }
      return preset;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read preset " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Paths of the value fields (mode, sizes, think.*, system_prompt, turn_params[i].*) that have no citation.
   * Arrays of numbers (cfg_interval) are one value.
   */
  static List<String> uncitedValues(JsonNode tree, Map<String, String> sources) {
    List<String> paths = new ArrayList<>();
    for (String top : List.of("mode", "default_turns", "width", "height", "system_prompt")) {
      if (tree.hasNonNull(top)) {
        paths.add(top);
      }
    }
    collect(tree.path("think"), "think", paths);
    JsonNode turns = tree.path("turn_params");
    for (int i = 0; i < turns.size(); i++) {
      collect(turns.get(i), "turn_params[" + i + "]", paths);
    }
    List<String> missing = new ArrayList<>();
    for (String p : paths) {
      String s = sources.get(p);
      if (s == null || s.isBlank()) {
        missing.add(p);
      }
    }
    return missing;
  }

  private static void collect(JsonNode node, String prefix, List<String> out) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(prefix + "." + it.next());
    }
  }
}
