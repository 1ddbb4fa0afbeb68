package org.irgeval.run;

import org.irgeval.api.Benchmark;
import org.irgeval.api.PromptSet;
import org.irgeval.api.Scorer;

/**
 * One benchmark inside a run: its prompts (after --limit), samples per prompt, and its scorer (null when it
 * is not scored, with the reason).
 *
 * @param benchmark     the adapter
 * @param prompts       prompts to run, in official order
 * @param samples       images per prompt
 * @param scorerId      id of the scorer provider, or null
 * @param scorer        the open scorer, or null
 * @param plumbingScore true when the scorer is a plumbing check
 * @param notScored     why the benchmark is not scored, or null
 */
public record BenchmarkRun(Benchmark benchmark, PromptSet prompts, int samples, String scorerId, Scorer scorer,
                           boolean plumbingScore, String notScored) {
  public String id() {
    return benchmark.id();
  }
}
