package org.irgeval.scoring.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeFactory;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.scoring.OwningScorer;

/**
 * The plumbing judge of the embedded demo and of the tests: a {@link LoopbackJudgeServer} that answers in a
 * benchmark's official reply format (its {@link LoopbackJudgeServer.Answerer} decides how, never from what the
 * image shows), reached through the real client ({@link OpenAiJudgeFactory}: HTTP, cache, retries), so the whole
 * judge path is exercised without a model. A plumbing provider opens its scorer with {@link #openScorer}; the engine
 * labels every score of a plumbing provider, the scorer does not.
 */
public final class PlumbingJudge implements JudgeFactory, AutoCloseable {
  /** The model name every plumbing judgement records. */
  public static final String MODEL = "plumbing-judge-not-a-model";

  private final LoopbackJudgeServer server;
  private final OpenAiJudgeFactory factory;

  private PlumbingJudge(LoopbackJudgeServer server, OpenAiJudgeFactory factory) {
    this.server = server;
    this.factory = factory;
  }

  /**
   * Starts the server on loopback and a client for it.
   *
   * @param cacheDir the client's cache; the server's port changes per process and the base URL is part of the
   *                 cache key, so hits happen within a process only (a plumbing judge costs nothing anyway)
   */
  public static PlumbingJudge start(LoopbackJudgeServer.Answerer answerer, Path cacheDir) throws IOException {
    LoopbackJudgeServer server = LoopbackJudgeServer.start(answerer);
    try {
      return new PlumbingJudge(server, new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), MODEL, null, 4, 0, 2,
          Duration.ofSeconds(30), null, null), cacheDir));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Opens a benchmark's judge scorer on the plumbing judge. */
  @FunctionalInterface
  public interface ScorerOpener {
    /** The benchmark's judge scorer on {@code judge}. */
    Scorer open(Judge judge) throws Exception;
  }

  /**
   * The one way a plumbing provider opens its scorer: starts the loopback judge with {@code answerer} (its client
   * caches in {@code context.cacheDir()/plumbing-judge}), opens the benchmark's judge scorer on it and returns that
   * scorer owning the judge, so closing the scorer stops the server. When opening fails the server is stopped
   * before the failure propagates.
   */
  public static Scorer openScorer(ScorerContext context, LoopbackJudgeServer.Answerer answerer, ScorerOpener opener)
      throws Exception {
    PlumbingJudge judge = start(answerer, context.cacheDir().resolve("plumbing-judge"));
    try {
      return new OwningScorer(opener.open(judge.open(MODEL)), judge);
    } catch (Exception | Error e) {
      judge.close();
      throw e;
    }
  }

  /** The plumbing judge, whatever {@code defaultModel} the benchmark protocol pins. */
  @Override
  public Judge open(String defaultModel) {
    return factory.open(MODEL);
  }

  public LoopbackJudgeServer server() {
    return server;
  }

  @Override
  public void close() {
    factory.close();
    server.close();
  }
}
