package org.irgeval.scoring.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeException;
import org.irgeval.api.JudgeReply;
import org.irgeval.api.JudgeRequest;
import org.irgeval.api.RunStopException;
import org.irgeval.util.Json;

/**
 * The parse-or-re-ask loop every judge protocol shares: ask, parse the reply in the benchmark's official way,
 * and ask again (a bounded number of times) while the reply lacks what the official parser needs or the call
 * failed. The official scripts do the same (WISE {@code gpt_eval.py} re-asks up to 3 times; TIIF
 * {@code eval_with_vlm.py} re-asks on a count mismatch without bound, which we bound).
 *
 * <p>Attempt {@code n > 1} carries the cache salt {@code <saltPrefix>-attempt-<n>} in its extra body (sent to the
 * cache key only, never on the wire), so the cache keeps every attempt apart and a rerun replays the same
 * sequence of replies without a single HTTP call.
 *
 * <p>Outcome: the first reply that parses. When no reply parsed: if at least one reply arrived (or a judge
 * error was final), a {@link Result#failed() failure} that the scorer stores and the aggregation counts; if
 * every attempt died on a transient error (network, 5xx after the client's own retries), that error is thrown,
 * so nothing is stored and a rerun asks again.
 */
public final class JudgeLoop {
  private final Judge judge;
  private final int maxAttempts;
  private final String saltPrefix;
  private final ObjectMapper mapper = Json.mapper();

  /**
   * @param maxAttempts bound on attempts per image (>= 1)
   * @param saltPrefix  names the protocol in the cache salt (e.g. "wise", "tiif")
   */
  public JudgeLoop(Judge judge, int maxAttempts, String saltPrefix) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    this.judge = judge;
    this.maxAttempts = maxAttempts;
    this.saltPrefix = saltPrefix;
  }

  public Judge judge() {
    return judge;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** What a benchmark's official parser made of one reply. */
  public record Parsed<T>(T value, String problem, Object shown) {
    /** A complete reply. @param shown what to record as "parsed" in the attempt log */
    public static <T> Parsed<T> ok(T value, Object shown) {
      return new Parsed<>(value, null, shown);
    }

    /** A reply the official parser cannot use; the loop asks again. */
    public static <T> Parsed<T> incomplete(String problem, Object shown) {
      return new Parsed<>(null, problem, shown);
    }
  }

  /** The benchmark side of the loop. */
  public interface Protocol<T> {
    /** The request of attempt {@code n} (1-based); the loop adds the cache salt from attempt 2 on. */
    JudgeRequest request(int attempt);

    /** The text the official parser reads (e.g. with a reasoning model's think block removed). */
    default String text(JudgeReply reply) {
      return reply.text();
    }

    Parsed<T> parse(String text);
  }

  /**
   * @param value    the parsed value, or null when every attempt failed
   * @param text     the last reply text read, or null when none arrived
   * @param problem  why the last attempt was not usable (parse problem or judge error), or null
   * @param attempts the log of every attempt (reply, cache hit, tokens, parse, error), for the score detail
   */
  public record Result<T>(T value, String text, String problem, ArrayNode attempts) {
    public boolean failed() {
      return value == null;
    }
  }

  /**
   * @throws JudgeException   when every attempt died on a transient error (nothing is stored; a rerun asks again)
   * @throws RunStopException when the judge refuses the credentials: the run stops and stores nothing for this
   *                          image, so a rerun with a good key asks again
   */
  public <T> Result<T> ask(Protocol<T> protocol) throws JudgeException, RunStopException {
    ArrayNode attempts = mapper.createArrayNode();
    String lastText = null;
    String lastProblem = null;
    JudgeException lastTransient = null;
    boolean sawFinal = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      var a = attempts.addObject();
      a.put("attempt", attempt);
      JudgeRequest req = protocol.request(attempt);
      if (attempt > 1) {
        Map<String, Object> extra = new HashMap<>(req.extraBody());
        extra.put(OpenAiJudgeFactory.CACHE_SALT_KEY, saltPrefix + "-attempt-" + attempt);
        req = new JudgeRequest(req.system(), req.user(), req.temperature(), req.maxTokens(), req.topLogprobs(), extra);
      }
      JudgeReply reply;
      try {
        reply = judge.complete(req);
      } catch (JudgeException e) {
        if (e.isAuthentication()) {
          throw new RunStopException(e.getMessage() + " — the run stops here and keeps what it has; fix the key"
              + " (--judge-key-env) and run the same command again", e);
        }
        a.put("error", e.getMessage());
        lastProblem = e.getMessage();
        if (e.isTransient()) {
          lastTransient = e;
        } else {
          sawFinal = true;
        }
        continue;
      }
      String text = protocol.text(reply);
      lastText = text;
      a.put("reply", text);
      a.put("cached", reply.cached());
      a.put("prompt_tokens", reply.promptTokens());
      a.put("completion_tokens", reply.completionTokens());
      Parsed<T> parsed = protocol.parse(text);
      if (parsed.shown() != null) {
        a.set("parsed", mapper.valueToTree(parsed.shown()));
      }
      if (parsed.value() != null) {
        return new Result<>(parsed.value(), text, null, attempts);
      }
      lastProblem = parsed.problem();
      a.put("problem", parsed.problem());
    }
    if (lastText == null && !sawFinal && lastTransient != null) {
      throw lastTransient;
    }
    return new Result<>(null, lastText, lastProblem, attempts);
  }
}
