package org.irgeval.benchmarks.wise;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two official WISE versions (PKU-YuanGroup/WISE at eb51174). They differ in prompts, id ranges, judge,
 * score scale and weights, so a run pins one and records it (docs/wise.md, "Versions").
 */
public enum WiseVersion {
  /**
   * The WISE paper's setup, used by IRG and BAGEL: WISE_legacy/ (moved unchanged in commit d6bfe42).
   * Ranges: WISE_legacy/Calculate.py l.59-70. Weights: Calculate.py l.240-241.
   * Judge: WISE_legacy/gpt_eval.py l.181-183 (temperature 0.0, max_tokens 2000); snapshot gpt-4o-2024-05-13 per
   * WISE_legacy/README.md "Important Notes".
   */
  LEGACY("legacy",
      List.of("WISE_legacy/data/cultural_common_sense.json", "WISE_legacy/data/spatio-temporal_reasoning.json",
          "WISE_legacy/data/natural_science.json"),
      List.of(
          new WiseCategory("cultural", "Cultural", 1, 400, 0.4, "Cultural knowledge"),
          new WiseCategory("time", "Time", 401, 567, 0.167, "time"),
          new WiseCategory("space", "Space", 568, 700, 0.133, "Space"),
          new WiseCategory("biology", "Biology", 701, 800, 0.1, "Biology"),
          new WiseCategory("physics", "Physics", 801, 900, 0.1, "Physical Knowledge"),
          new WiseCategory("chemistry", "Chemistry", 901, 1000, 0.1, "Chemistry")),
      "gpt-4o-2024-05-13", "legacy_gpt4o_system.txt", "legacy_gpt4o_user.txt", 2000, Map.of(),
      "WISE_legacy/gpt_eval.py + WISE_legacy/Calculate.py"),

  /**
   * WISE_Verified, the repo default since 2026-04-19. Ranges: calculate_verified.py l.65-76. Weights:
   * calculate_verified.py l.246-247. Judge call: vllm_eval.py l.186-193 (temperature 0.0, max_tokens 500,
   * chat_template_kwargs.enable_thinking=false); model Qwen3.5-35B-A3B per eval_qwen.sh l.10.
   */
  VERIFIED("verified",
      List.of("data_verified/cultural_common_sense_verified.json",
          "data_verified/spatio-temporal_reasoning_verified.json", "data_verified/natural_science_verified.json"),
      List.of(
          new WiseCategory("cultural", "Cultural", 1, 400, 0.40, "Cultural knowledge"),
          new WiseCategory("time", "Time", 401, 520, 0.12, "time"),
          new WiseCategory("space", "Space", 521, 640, 0.12, "Space"),
          new WiseCategory("biology", "Biology", 641, 760, 0.12, "Biology"),
          new WiseCategory("physics", "Physics", 761, 880, 0.12, "Physical Knowledge"),
          new WiseCategory("chemistry", "Chemistry", 881, 1000, 0.12, "Chemistry")),
      "Qwen3.5-35B-A3B", "verified_qwen_system.txt", "verified_qwen_user.txt", 500,
      Map.of("chat_template_kwargs", Map.of("enable_thinking", false)),
      "vllm_eval.py + calculate_verified.py");

  /** Both calculators require every id 1..1000 (Calculate.py l.15, calculate_verified.py l.19). */
  public static final int FIRST_ID = 1;
  public static final int LAST_ID = 1000;
  /** MAX_EXTRACT_RETRIES (WISE_legacy/gpt_eval.py l.12, vllm_eval.py l.13). */
  public static final int MAX_ATTEMPTS = 3;
  /** temperature=0.0 (gpt_eval.py l.182, vllm_eval.py l.189). */
  public static final double TEMPERATURE = 0.0;

  private final String id;
  private final List<String> dataFiles;
  private final List<WiseCategory> categories;
  private final String defaultJudgeModel;
  private final String systemTemplate;
  private final String userTemplate;
  private final int maxTokens;
  private final Map<String, Object> extraBody;
  private final String officialScripts;

  WiseVersion(String id, List<String> dataFiles, List<WiseCategory> categories, String defaultJudgeModel,
              String systemTemplate, String userTemplate, int maxTokens, Map<String, Object> extraBody,
              String officialScripts) {
    this.id = id;
    this.dataFiles = dataFiles;
    this.categories = categories;
    this.defaultJudgeModel = defaultJudgeModel;
    this.systemTemplate = systemTemplate;
    this.userTemplate = userTemplate;
    this.maxTokens = maxTokens;
    this.extraBody = extraBody;
    this.officialScripts = officialScripts;
  }

  public String id() {
    return id;
  }

  /** Prompt files relative to {@code <data>/wise/}, in official order (ids ascending). */
  public List<String> dataFiles() {
    return dataFiles;
  }

  public List<WiseCategory> categories() {
    return categories;
  }

  public String defaultJudgeModel() {
    return defaultJudgeModel;
  }

  /** Template file names under {@code <data>/wise/judge_prompts/}. */
  public String systemTemplate() {
    return systemTemplate;
  }

  public String userTemplate() {
    return userTemplate;
  }

  public int maxTokens() {
    return maxTokens;
  }

  public Map<String, Object> extraBody() {
    return extraBody;
  }

  public String officialScripts() {
    return officialScripts;
  }

  /** The category whose id range holds {@code promptId}. */
  public Optional<WiseCategory> categoryOf(int promptId) {
    for (WiseCategory c : categories) {
      if (c.contains(promptId)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The version of a loaded prompt set ({@code PromptSet.version()}: "legacy", "legacy-rewrite", "verified"). */
  public static WiseVersion ofPromptSet(String promptSetVersion) {
    if (promptSetVersion != null && promptSetVersion.startsWith("verified")) {
      return VERIFIED;
    }
    if (promptSetVersion != null && promptSetVersion.startsWith("legacy")) {
      return LEGACY;
    }
    throw new IllegalArgumentException("not a WISE prompt set version: " + promptSetVersion);
  }

  public static Optional<WiseVersion> byId(String id) {
    for (WiseVersion v : values()) {
      if (v.id.equals(id)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
