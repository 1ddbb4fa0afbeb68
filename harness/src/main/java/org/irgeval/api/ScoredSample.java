package org.irgeval.api;

/** One scored image handed to {@link Benchmark#aggregate}. */
public record ScoredSample(Prompt prompt, int sample, ScoreRecord score) {}
