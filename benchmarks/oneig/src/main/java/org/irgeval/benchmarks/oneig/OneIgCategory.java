package org.irgeval.benchmarks.oneig;

import java.util.List;
import java.util.Optional;

/**
 * The EN prompt categories of {@code OneIG-Bench.csv} and the image folders the official scripts read them from
 * (OneIG-Bench/OneIG-Benchmark@41b4983 {@code fine_grained_analysis.py} l.11-18, {@code SOURCE_ID}). The ZH-only
 * {@code Multilingualism} is not part of the EN benchmark.
 */
enum OneIgCategory {
  ANIME("Anime_Stylization", "anime"),
  HUMAN("Portrait", "human"),
  OBJECT("General_Object", "object"),
  TEXT("Text_Rendering", "text"),
  REASONING("Knowledge_Reasoning", "reasoning");

  private final String official;
  private final String folder;

  OneIgCategory(String official, String folder) {
    this.official = official;
    this.folder = folder;
  }

  /** The name in the CSV's {@code category} column. */
  String official() {
    return official;
  }

  /** The image folder, the official per-prompt row prefix and our prompt category. */
  String folder() {
    return folder;
  }

  /** Judged for alignment: the scripts' default {@code --class_items anime human object} (utils.py l.15). */
  boolean alignment() {
    return this == ANIME || this == HUMAN || this == OBJECT;
  }

  static Optional<OneIgCategory> ofOfficial(String name) {
    for (OneIgCategory c : values()) {
      if (c.official.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static Optional<OneIgCategory> ofFolder(String folder) {
    for (OneIgCategory c : values()) {
      if (c.folder.equals(folder)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static List<String> folders() {
    return java.util.Arrays.stream(values()).map(OneIgCategory::folder).toList();
  }
}
