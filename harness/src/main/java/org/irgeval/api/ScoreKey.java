package org.irgeval.api;

/** Identifies one score line: (benchmark, prompt, sample, variant, scorer). */
public record ScoreKey(String benchmark, String promptId, int sample, String variant, String scorer) {}
