package org.irgeval.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a scorer may use: the data directory (official templates), its options, a cache directory inside the
 * run, and the shared judge client factory when a judge is configured.
 *
 * @param dataDir  the data root
 * @param options  {@code --scorer-opt <key>=<value>} entries, unprefixed
 * @param cacheDir a directory private to this scorer inside the run directory
 * @param judges   opens the configured OpenAI-compatible judge; empty when no {@code --judge-url} was given
 * @param prompts  the prompt set being scored
 */
public record ScorerContext(Path dataDir, Map<String, String> options, Path cacheDir, Optional<JudgeFactory> judges,
                            PromptSet prompts) {}
