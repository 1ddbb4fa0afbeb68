package org.irgeval.benchmarks.genaibench;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two GenAI-Bench image releases ({@code --bench-opt genai-bench.release=527|1600}; first = default).
 *
 * <ul>
 *   <li>{@code 527}: the VQAScore paper's set (zhiqiulin/GenAI-Bench-527), shipped in the data folder as
 *       {@code genai_image_527_with_human_ratings.json} (keys {@code 00001..00527}); its skill tags, when the user
 *       has them, in {@code genai_skills_527.json} (same format as {@code genai_skills.json}). Without a tag file the
 *       per-skill table is omitted and the overall is the mean over all prompts.</li>
 *   <li>{@code 1600}: the GenAI-Bench paper's set (BaiqiL/GenAI-Bench-1600), {@code genai_image.json} and
 *       {@code genai_skills.json} under their official names (linzhiqiu/t2v_metrics@6ecb74f dataset.py l.1266-1281).</li>
 * </ul>
 */
enum GenAiBenchRelease {
  R527("527", "genai_image_527_with_human_ratings.json", "genai_skills_527.json", false,
      "https://huggingface.co/datasets/zhiqiulin/GenAI-Bench-527"),
  R1600("1600", "genai_image.json", "genai_skills.json", true,
      "https://huggingface.co/datasets/BaiqiL/GenAI-Bench-1600");

  private final String id;
  private final String promptFile;
  private final String skillsFile;
  private final boolean skillsRequired;
  private final String source;

  GenAiBenchRelease(String id, String promptFile, String skillsFile, boolean skillsRequired, String source) {
    this.id = id;
    this.promptFile = promptFile;
    this.skillsFile = skillsFile;
    this.skillsRequired = skillsRequired;
    this.source = source;
  }

  String id() {
    return id;
  }

  String promptFile() {
    return promptFile;
  }

  String skillsFile() {
    return skillsFile;
  }

  /** The 1600 release is unusable without its tags (evaluate.py l.42 opens genai_skills.json unconditionally). */
  boolean skillsRequired() {
    return skillsRequired;
  }

  String source() {
    return source;
  }

  static Optional<GenAiBenchRelease> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  /** The release a prompt-set version names ({@code "527 ..."} / {@code "1600 ..."}). */
  static GenAiBenchRelease ofVersion(String version) {
    return version != null && version.startsWith(R1600.id) ? R1600 : R527;
  }
}
