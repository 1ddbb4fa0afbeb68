package org.irgeval.api;

import java.nio.file.Path;

/**
 * One image to score.
 *
 * @param prompt   the prompt it was generated for
 * @param sample   0-based sample index
 * @param variant  which turn's image it is
 * @param image    absolute path of the PNG
 * @param turnText the model's text of that turn (thinking / reflection), or null
 */
public record ScoringInput(Prompt prompt, int sample, String variant, Path image, String turnText) {}
