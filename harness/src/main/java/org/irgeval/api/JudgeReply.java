package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * A judge's answer.
 *
 * @param text             the assistant message content
 * @param firstTokenTopLogprobs top log-probabilities of the first generated token (token -> logprob), empty
 *                         unless requested
 * @param tokenLogprobs    per generated token: its top log-probabilities, empty unless requested
 * @param promptTokens     usage.prompt_tokens (0 if not reported)
 * @param completionTokens usage.completion_tokens (0 if not reported)
 * @param cached           true when answered from the on-disk cache (no HTTP call)
 */
public record JudgeReply(String text, Map<String, Double> firstTokenTopLogprobs,
                         List<Map<String, Double>> tokenLogprobs, int promptTokens, int completionTokens,
                         boolean cached) {}
