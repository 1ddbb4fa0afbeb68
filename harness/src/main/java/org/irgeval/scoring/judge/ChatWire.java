package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.irgeval.api.JudgeRequest;
import org.irgeval.util.Hashing;

/**
 * Turns a {@link JudgeRequest} into the OpenAI chat-completions wire body, and into the canonical cache key
 * (the same body with every image replaced by its SHA-256, plus the base URL and the cache salt).
 *
 * <p>Message shape follows the official WISE scripts ({@code WISE_legacy/gpt_eval.py} l.87-170,
 * {@code vllm_eval.py} l.88-177): the system message's content is a one-element list of text parts, the user
 * message's content is the parts in order, images as {@code {"type":"image_url","image_url":{"url":
 * "data:image/png;base64,..."}}} without a {@code detail} field, the raw PNG bytes base64-encoded unchanged.
 */
final class ChatWire {
  /**
   * An {@link JudgeRequest#extraBody()} key that is part of the cache key but never sent. Scorers whose
   * official protocol re-asks the same request (WISE retries parsing up to 3 times) set it to the attempt
   * number, so a rerun replays attempt 2 from the cache instead of getting attempt 1's reply again.
   */
  static final String CACHE_SALT_KEY = "irgeval_cache_salt";

  /** Body fields the client owns; extraBody may not override them. */
  private static final Set<String> RESERVED =
      Set.of("model", "messages", "temperature", "max_tokens", "logprobs", "top_logprobs", "stream", "n");

  private final ObjectMapper mapper;

  ChatWire(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The request body sent over HTTP. */
  ObjectNode body(String model, JudgeRequest request) {
    return build(model, request, true);
  }

  /**
   * The canonical cache-key document: {base_url, body with images as "sha256:&lt;hex&gt;", salt}. Field order
   * is fixed by construction and extraBody maps are key-sorted, so equal requests give byte-equal JSON.
   */
  ObjectNode cacheKey(String baseUrl, String model, JudgeRequest request) {
    ObjectNode key = mapper.createObjectNode();
    key.put("base_url", baseUrl);
    key.set("body", build(model, request, false));
    Object salt = request.extraBody().get(CACHE_SALT_KEY);
    if (salt != null) {
      key.put("salt", String.valueOf(salt));
    }
    return key;
  }

  private ObjectNode build(String model, JudgeRequest request, boolean inlineImages) {
    for (String k : request.extraBody().keySet()) {
      if (RESERVED.contains(k)) {
        throw new IllegalArgumentException("extraBody may not set '" + k + "': the judge client owns that field");
      }
    }
    if (request.user().isEmpty()) {
      throw new IllegalArgumentException("a judge request needs at least one user part");
    }
    ObjectNode body = mapper.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (request.system() != null) {
      ObjectNode sys = messages.addObject();
      sys.put("role", "system");
      ArrayNode content = sys.putArray("content");
      ObjectNode part = content.addObject();
      part.put("type", "text");
      part.put("text", request.system());
    }
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    ArrayNode content = user.putArray("content");
    for (JudgeRequest.Part p : request.user()) {
      ObjectNode part = content.addObject();
      if ((p.text() == null) == (p.png() == null)) {
        throw new IllegalArgumentException("a judge request part must be exactly one of text or image");
      }
      if (p.text() != null) {
        part.put("type", "text");
        part.put("text", p.text());
      } else {
        part.put("type", "image_url");
        String url = inlineImages
            ? "data:image/png;base64," + Base64.getEncoder().encodeToString(p.png())
            : "sha256:" + Hashing.sha256(p.png());
        part.putObject("image_url").put("url", url);
      }
    }
    body.put("temperature", request.temperature());
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens().intValue());
    }
    if (request.topLogprobs() != null) {
      body.put("logprobs", true);
      body.put("top_logprobs", request.topLogprobs().intValue());
    }
    for (Map.Entry<String, Object> e : new TreeMap<>(request.extraBody()).entrySet()) {
      if (!e.getKey().equals(CACHE_SALT_KEY)) {
        body.set(e.getKey(), mapper.valueToTree(e.getValue()));
      }
    }
    return body;
  }
}
