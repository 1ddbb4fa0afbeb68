package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeFactory;
import org.irgeval.util.Json;

/**
 * The run's OpenAI-compatible judge client. Every {@link Judge} it opens shares one HTTP client, one
 * concurrency bound, one rate limiter, one on-disk cache and one set of usage counters, so limits hold for
 * the whole run whatever the number of benchmarks judging at once.
 *
 * <p>The API key is read once from the environment variable named by {@link JudgeConfig#apiKeyEnv()} and is
 * only ever written into the {@code Authorization} header; {@link #toString()}, {@link #usage()} and every
 * exception message are free of it.
 */
public final class OpenAiJudgeFactory implements JudgeFactory, AutoCloseable {
  /** See {@link ChatWire#CACHE_SALT_KEY}: an extraBody entry that keys the cache but is never sent. */
  public static final String CACHE_SALT_KEY = ChatWire.CACHE_SALT_KEY;

  /** State shared by the judges of one factory. */
  record Shared(JudgeConfig config, HttpClient http, Semaphore slots, RateLimiter limiter, JudgeCache cache,
                ChatWire wire, ChatResponses responses, UsageCounters usage, ObjectMapper mapper,
                Duration backoffBase, KeyHolder key) {
    void authorize(HttpRequest.Builder b) {
      key.authorize(b);
    }

    String redact(String s) {
      return key.redact(s);
    }

    KeyRedactor redactor() {
      return key.redactor();
    }

    String missingKeyHint() {
      return key.missingHint();
    }

    @Override
    public String toString() {
      return "Shared[" + config.baseUrl() + "]";
    }
  }

  /** Holds the key value; its toString never shows it. */
  static final class KeyHolder {
    private final String value;
    private final String missingEnv;
    private final KeyRedactor redactor;

    KeyHolder(String value, String missingEnv) {
      this.value = value;
      this.missingEnv = missingEnv;
      this.redactor = new KeyRedactor(value);
    }

    /** A hint for 401/403 answers when the key variable was not set. */
    String missingHint() {
      return missingEnv == null ? "" : " (no API key sent: environment variable " + missingEnv + " is not set)";
    }

    void authorize(HttpRequest.Builder b) {
      if (value != null && !value.isEmpty()) {
        // Same rule as vllm_eval.py l.182-184: the header only when a key is non-empty.
        b.header("Authorization", "Bearer " + value);
      }
    }

    String redact(String s) {
      return redactor.redact(s);
    }

    KeyRedactor redactor() {
      return redactor;
    }

    @Override
    public String toString() {
      return "KeyHolder[" + (value == null ? "none" : "set") + "]";
    }
  }

  private final Shared shared;

  /** The production client: key from the real environment, backoff starting at 1 s. */
  public OpenAiJudgeFactory(JudgeConfig config, Path cacheDir) {
    this(config, cacheDir, System::getenv, Duration.ofSeconds(1));
  }

  /**
   * @param environment looks up environment variables (tests pass a map; production passes System::getenv)
   * @param backoffBase first retry delay when the server gives no Retry-After (doubles per retry)
   */
  public OpenAiJudgeFactory(JudgeConfig config, Path cacheDir, Function<String, String> environment,
                            Duration backoffBase) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(cacheDir, "cacheDir");
    String key = null;
    String missingKeyEnv = null;
    if (config.apiKeyEnv() != null) {
      key = environment.apply(config.apiKeyEnv());
      if (key == null || key.isBlank()) {
        // Local vLLM / SGLang servers need no key (vllm_eval.py sends the header only for a non-empty key),
        // and the CLI names OPENAI_API_KEY by default: go without, and name the variable if the server refuses.
        key = null;
        missingKeyEnv = config.apiKeyEnv();
      } else {
        key = key.strip();
        if (key.length() < KeyRedactor.MIN_KEY_LENGTH) {
          // such a value matches ordinary words: redacting it would rewrite the judge's answers (never echoed)
          throw new IllegalArgumentException("the API key in $" + config.apiKeyEnv() + " is " + key.length()
              + " characters long; keys shorter than " + KeyRedactor.MIN_KEY_LENGTH + " are refused (no real key is"
              + " that short, and it could not be told apart from the judge's answers). For a server that needs no"
              + " key, unset " + config.apiKeyEnv() + " or pass --judge-key-env naming an unset variable");
        }
        if (config.baseUrl().toString().contains(key)) {
          throw new IllegalArgumentException("the judge URL carries the API key of $" + config.apiKeyEnv()
              + " (not shown): keys go only in the environment variable, never in a URL that is printed and stored");
        }
      }
    }
    ObjectMapper mapper = Json.mapper();
    HttpClient http = HttpClient.newBuilder()
        // vLLM / SGLang (uvicorn) speak HTTP/1.1 only; an h2c upgrade attempt just costs a round trip.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? config.timeout()
            : Duration.ofSeconds(30))
        .build();
    this.shared = new Shared(config, http, new Semaphore(config.concurrency(), true),
        new RateLimiter(config.requestsPerMinute()), new JudgeCache(cacheDir, mapper), new ChatWire(mapper),
        new ChatResponses(mapper), new UsageCounters(config), mapper, Objects.requireNonNull(backoffBase),
        new KeyHolder(key, missingKeyEnv));
  }

  /** The user's model if one was configured, else {@code defaultModel} (the benchmark's pinned snapshot). */
  @Override
  public Judge open(String defaultModel) {
    String model = shared.config().model() != null ? shared.config().model() : defaultModel;
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("no judge model: give --judge-model (the benchmark pins none)");
    }
    return new OpenAiJudge(model, shared);
  }

  /** Counters so far (requests, cache hits, retries, failures, tokens, cost), in total and per model. */
  public JudgeUsage usage() {
    return shared.usage().snapshot();
  }

  public JudgeConfig config() {
    return shared.config();
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before Java 21; its threads are daemons and idle out.
  }

  @Override
  public String toString() {
    JudgeConfig c = shared.config();
    return "OpenAiJudgeFactory[url=" + c.chatCompletionsUri() + ", model=" + c.model() + ", keyEnv="
        + c.apiKeyEnv() + "]";
  }
}
