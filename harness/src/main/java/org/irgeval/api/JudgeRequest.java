package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * One chat-completions request to a judge, in benchmark terms. The client turns it into the OpenAI wire
 * format (images as {@code data:image/png;base64,...} URLs, parts in the given order).
 *
 * @param system      system message text, or null for none
 * @param user        user message parts in order
 * @param temperature sampling temperature of the benchmark protocol
 * @param maxTokens   max_tokens of the benchmark protocol, or null to omit
 * @param topLogprobs when non-null, asks for {@code logprobs=true, top_logprobs=n} (VQAScore)
 * @param extraBody   extra top-level JSON fields (e.g. vLLM's {@code chat_template_kwargs}); may be empty
 */
public record JudgeRequest(String system, List<Part> user, double temperature, Integer maxTokens,
                           Integer topLogprobs, Map<String, Object> extraBody) {
  public JudgeRequest {
    user = List.copyOf(user);
    extraBody = Map.copyOf(extraBody);
  }

  /** A text part or a PNG image part (exactly one of the two is non-null). */
  public record Part(String text, byte[] png) {
    public static Part text(String text) {
      return new Part(text, null);
    }

    public static Part image(byte[] png) {
      return new Part(null, png);
    }
  }
}
