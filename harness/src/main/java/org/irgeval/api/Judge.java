package org.irgeval.api;

/**
 * A vision-language judge behind an OpenAI-compatible chat API. Implementations cache, rate-limit and retry;
 * {@link #complete} returns only when it has an answer or has given up.
 */
public interface Judge {
  /** The model name sent to the API (recorded in the manifest). */
  String model();

  /** Sends one request (or answers it from the cache). */
  JudgeReply complete(JudgeRequest request) throws JudgeException;
}
