package org.irgeval.benchmarks.geneval;

import java.util.Locale;

/**
 * Which metadata file a run used. The IRG table marks rewritten-prompt rows (FLUX.1-dev "*"), so the choice is
 * recorded as {@link org.irgeval.api.PromptSet#version()} and never mixed silently.
 */
public enum PromptFile {
  /** The official 553 prompts, djghosh13/geneval {@code prompts/evaluation_metadata.jsonl}. */
  ORIGINAL("original", "prompts/evaluation_metadata.jsonl",
      "https://github.com/djghosh13/geneval/blob/main/prompts/evaluation_metadata.jsonl"),
  /**
   * BAGEL's LLM-rewritten long prompts (same tags and requirements, other "prompt" text), ByteDance-Seed/Bagel
   * {@code eval/gen/geneval/prompts/evaluation_metadata_long.jsonl}, the default of its run_geneval.sh.
   */
  REWRITTEN("rewritten", "prompts/evaluation_metadata_long.jsonl",
      "https://github.com/ByteDance-Seed/Bagel/blob/main/eval/gen/geneval/prompts/evaluation_metadata_long.jsonl");

  private final String version;
  private final String path;
  private final String source;

  PromptFile(String version, String path, String source) {
    this.version = version;
    this.path = path;
    this.source = source;
  }

  /** The {@code PromptSet.version} value. */
  public String version() {
    return version;
  }

  /** Path under {@code <data>/geneval/}. */
  public String path() {
    return path;
  }

  /** Where the official file can be obtained. */
  public String source() {
    return source;
  }

  /** Parses the {@code prompts} bench option (null = original). */
  public static PromptFile ofOption(String value) {
    if (value == null || value.isBlank()) {
      return ORIGINAL;
    }
    for (PromptFile f : values()) {
      if (f.version.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("geneval option prompts=" + value + ": expected original or rewritten");
  }
}
