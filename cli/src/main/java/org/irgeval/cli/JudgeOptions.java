package org.irgeval.cli;

import java.net.URI;
import java.time.Duration;
import org.irgeval.scoring.judge.JudgeConfig;
import picocli.CommandLine.Option;

/** {@code --judge-*}: the OpenAI-compatible VLM judge (OpenAI, vLLM, SGLang). */
final class JudgeOptions {
  @Option(names = "--judge-url", paramLabel = "URL",
      description = "Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://vllm-host:8000/v1.")
  String url;

  @Option(names = "--judge-model", paramLabel = "M",
      description = "Judge model; default: each benchmark's pinned snapshot (e.g. WISE legacy: gpt-4o-2024-05-13).")
  String model;

  @Option(names = "--judge-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the API key (the key itself is never logged or stored). Default: ${DEFAULT-VALUE}.")
  String keyEnv;

  @Option(names = "--judge-concurrency", defaultValue = "8", description = "Judge requests in flight. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--judge-rpm", defaultValue = "0", description = "Requests per minute limit (0 = none). Default: ${DEFAULT-VALUE}.")
  double rpm;

  @Option(names = "--judge-retries", defaultValue = "5", description = "Retries per request (capped). Default: ${DEFAULT-VALUE}.")
  int retries;

  @Option(names = "--judge-timeout", defaultValue = "300", description = "Seconds per request. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Option(names = "--judge-price-in", paramLabel = "USD",
      description = "Price per million prompt tokens, to report the run's cost.")
  Double priceIn;

  @Option(names = "--judge-price-out", paramLabel = "USD",
      description = "Price per million completion tokens, to report the run's cost.")
  Double priceOut;

  /** The judge, or null without {@code --judge-url}; the URL is checked here (never echoed: it may carry a key). */
  JudgeConfig settings() {
    if (url == null) {
      return null;
    }
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      // URI's own message quotes the whole string: never echoed, it may carry a key
      throw new IllegalArgumentException("--judge-url is not a valid URL (not shown: it may carry a key)");
    }
    return new JudgeConfig(u, model, keyEnv, concurrency, rpm, retries, Duration.ofSeconds(timeoutSeconds), priceIn,
        priceOut);
  }
}
