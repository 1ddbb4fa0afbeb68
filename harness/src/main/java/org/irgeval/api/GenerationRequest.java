package org.irgeval.api;

/**
 * One trajectory to generate.
 *
 * @param id        idempotency key {@code <benchmark>/<prompt-id>/s<sample>}
 * @param benchmark benchmark id
 * @param prompt    the prompt
 * @param sample    0-based sample index
 * @param seed      the sample's seed, derived from (run seed, benchmark, prompt id, sample) so it never
 *                  depends on sharding
 * @param turns     number of image turns wanted (1 = no reflection)
 */
public record GenerationRequest(String id, String benchmark, Prompt prompt, int sample, long seed, int turns) {
  public static String idOf(String benchmark, String promptId, int sample) {
    return benchmark + "/" + promptId + "/s" + sample;
  }
}
