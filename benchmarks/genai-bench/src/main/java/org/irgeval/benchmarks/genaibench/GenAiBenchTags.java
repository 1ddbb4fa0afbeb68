package org.irgeval.benchmarks.genaibench;

import java.util.List;

/**
 * The tag vocabulary of GenAI-Bench and the official tag groups.
 *
 * <p>{@code genai_skills.json} maps each tag to a list of int prompt indices, looked up as {@code f"{idx:05d}"}
 * (linzhiqiu/t2v_metrics@6ecb74f genai_bench/evaluate.py l.42-52). Besides the ten skills, {@code basic} and
 * {@code advanced} are tags of their own. The tag groups printed by the official script are
 * {@code tag_groups} (evaluate.py l.34-38): basic = five basic skills + "basic", advanced = five advanced skills +
 * "advanced", overall = basic, advanced, all.
 */
final class GenAiBenchTags {
  private GenAiBenchTags() {}

  static final String BASIC = "basic";
  static final String ADVANCED = "advanced";
  /** Prompt category of a prompt tagged neither basic nor advanced (or of every prompt without a tag file). */
  static final String UNTAGGED = "untagged";

  /** evaluate.py l.35, without the group tag itself. */
  static final List<String> BASIC_SKILLS = List.of("attribute", "scene", "spatial relation", "action relation",
      "part relation");
  /** evaluate.py l.36, without the group tag itself. */
  static final List<String> ADVANCED_SKILLS = List.of("counting", "comparison", "differentiation", "negation",
      "universal");

  /** Every known tag in the order of the official tables: basic group, advanced group (evaluate.py l.34-38). */
  static final List<String> ALL = List.of("attribute", "scene", "spatial relation", "action relation",
      "part relation", BASIC, "counting", "comparison", "differentiation", "negation", "universal", ADVANCED);

  /** The metadata field where the loader puts a prompt's tags (not an official field: ours, named after the file). */
  static final String METADATA_FIELD = "genai_skills";

  /** The prompt categories a prompt set declares (bootstrap strata): basic, advanced, untagged. */
  static final List<String> CATEGORIES = List.of(BASIC, ADVANCED, UNTAGGED);
}
