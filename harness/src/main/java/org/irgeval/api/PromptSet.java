package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * The prompts of one benchmark as loaded from the official files.
 *
 * @param benchmark benchmark id
 * @param version   which official version / prompt file variant was loaded (e.g. "legacy", "verified",
 *                  "original", "rewritten"); recorded in the manifest so runs are never compared silently
 * @param prompts   prompts in official order
 * @param files     every file read, with its hash
 * @param categories official category names in the official order, with their prompt counts
 */
public record PromptSet(String benchmark, String version, List<Prompt> prompts, List<DataFile> files,
                        Map<String, Integer> categories) {
  public PromptSet {
    prompts = List.copyOf(prompts);
    files = List.copyOf(files);
    categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
  }

  /** The first {@code n} prompts in official order (all if n is negative or larger than the set). */
  public PromptSet limit(int n) {
    if (n < 0 || n >= prompts.size()) {
      return this;
    }
    return new PromptSet(benchmark, version, prompts.subList(0, n), files, categories);
  }
}
