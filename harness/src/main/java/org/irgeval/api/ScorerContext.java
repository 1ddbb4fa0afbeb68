package org.irgeval.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a scorer may use: the data directory (official templates), its options, a cache directory inside the
 * run, and the shared judge client when one is configured.
 *
 * @param dataDir  the data root
 * @param options  {@code --scorer-opt <key>=<value>} entries, unprefixed
 * @param cacheDir a directory private to this scorer inside the run directory
 * @param judge    the configured OpenAI-compatible judge, if any
 * @param prompts  the prompt set being scored
 */
public record ScorerContext(Path dataDir, Map<String, String> options, Path cacheDir, Optional<Judge> judge,
                            PromptSet prompts) {}
