package org.irgeval.scoring.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.irgeval.api.Judge;
import org.irgeval.api.JudgeFactory;

/**
 * The plumbing judge of the embedded demo and of the tests: a {@link LoopbackJudgeServer} that answers in a
 * benchmark's official reply format (its {@link LoopbackJudgeServer.Answerer} decides how, never from what the
 * image shows), reached through the real client ({@link OpenAiJudgeFactory}: HTTP, cache, retries), so the whole
 * judge path is exercised without a model. Every score made with it must be labelled {@link #NOTICE}.
 */
public final class PlumbingJudge implements JudgeFactory, AutoCloseable {
  /** The model name every plumbing judgement records. */
  public static final String MODEL = "plumbing-judge-not-a-model";
  /** The label every plumbing judgement carries. */
  public static final String NOTICE = "plumbing judge: a loopback server answering in the official format with"
      + " answers derived from a hash of the request; not a model's judgement";

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
