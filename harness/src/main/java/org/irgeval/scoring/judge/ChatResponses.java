package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.JudgeReply;

/** Reads an OpenAI chat-completions response body into a {@link JudgeReply}. */
final class ChatResponses {
  /** A 200 response whose body is not a usable chat completion (proxies, truncated bodies): retried. */
  static final class MalformedResponseException extends Exception {
    MalformedResponseException(String message) {
      super(message);
    }
  }

  private final ObjectMapper mapper;

  ChatResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  JudgeReply parse(byte[] body) throws MalformedResponseException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      throw new MalformedResponseException("response body is not JSON (" + body.length + " bytes)");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResponseException("response body is not a JSON object");
    }
    if (root.hasNonNull("error")) {
      throw new MalformedResponseException("HTTP 200 with an error object: " + snippet(root.get("error").toString()));
    }
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty() || !choices.get(0).path("message").isObject()) {
      throw new MalformedResponseException("response has no choices[0].message");
    }
    JsonNode choice = choices.get(0);
    String text = content(choice.path("message").path("content"));
    List<Map<String, Double>> perToken = new ArrayList<>();
    for (JsonNode tok : choice.path("logprobs").path("content")) {
      Map<String, Double> top = new LinkedHashMap<>();
      for (JsonNode alt : tok.path("top_logprobs")) {
        if (alt.path("token").isTextual() && alt.path("logprob").isNumber()) {
          // Providers list alternatives best first; a token repeated with other bytes keeps its best value.
          top.putIfAbsent(alt.get("token").asText(), alt.get("logprob").asDouble());
        }
      }
      if (top.isEmpty() && tok.path("token").isTextual() && tok.path("logprob").isNumber()) {
        top.put(tok.get("token").asText(), tok.get("logprob").asDouble());
      }
      perToken.add(Map.copyOf(top));
    }
    Map<String, Double> first = perToken.isEmpty() ? Map.of() : perToken.get(0);
    JsonNode usage = root.path("usage");
    return new JudgeReply(text, first, List.copyOf(perToken), usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0), false);
  }

  /** Message content as text: a string, null (a refusal without text: empty), or a list of text parts. */
  private static String content(JsonNode content) throws MalformedResponseException {
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          sb.append(part.get("text").asText());
        }
      }
      return sb.toString();
    }
    throw new MalformedResponseException("choices[0].message.content is neither text nor a list of parts");
  }

  static String snippet(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }
}
