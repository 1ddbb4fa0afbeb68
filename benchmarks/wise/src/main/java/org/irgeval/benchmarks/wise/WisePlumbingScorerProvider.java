package org.irgeval.benchmarks.wise;

import java.time.Duration;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScoringInput;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.LoopbackJudgeServer;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;

/**
 * {@code wise-plumbing}: the embedded demo's WISE scorer. It starts a {@link LoopbackJudgeServer} on loopback
 * that answers in the official format with scores derived from the image bytes' hash, and judges through the
 * real client (HTTP, cache, retries, parser, aggregation), so the whole path is exercised without a model.
 * Every score it writes is labelled as plumbing.
 */
public final class WisePlumbingScorerProvider implements ScorerProvider {
  static final String MODEL = "plumbing-judge-not-a-model";
  static final String NOTE = "plumbing judge: a loopback server answering in the official WISE format with"
      + " scores from a hash of the image bytes; not a model's judgement";

  @Override
  public String id() {
    return "wise-plumbing";
  }

  @Override
  public String benchmark() {
    return WiseBenchmark.ID;
  }

  @Override
  public String description() {
    return "plumbing check: official WISE protocol against a loopback judge that scores by image hash"
        + " (not a model)";
  }

  @Override
  public boolean plumbing() {
    return true;
  }

  @Override
  public Scorer open(ScorerContext context) throws Exception {
    WiseVersion version = WiseVersion.ofPromptSet(context.prompts().version());
    WiseTemplates templates = WiseTemplates.load(context.dataDir(), version);
    LoopbackJudgeServer server = LoopbackJudgeServer.start(new PlumbingWiseAnswerer(version));
    try {
      // The server's port changes per process, and the base URL is part of the cache key: cache hits
      // happen within a run only. That is fine for a plumbing judge (it costs nothing).
      OpenAiJudgeFactory factory = new OpenAiJudgeFactory(new JudgeConfig(server.baseUrl(), MODEL, null, 4, 0, 2,
          Duration.ofSeconds(30), null, null), context.cacheDir().resolve("plumbing-judge"));
      WiseJudgeScorer inner = new WiseJudgeScorer(version, factory.open(MODEL), templates,
          WiseJudgeScorerProvider.concurrency(context), NOTE);
      return new PlumbingScorer(inner, factory, server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The inner scorer plus the server and client it owns (closed with it). */
  private record PlumbingScorer(WiseJudgeScorer inner, OpenAiJudgeFactory factory, LoopbackJudgeServer server)
      implements Scorer {
    @Override
    public String fingerprint() {
      return inner.fingerprint();
    }

    @Override
    public int concurrency() {
      return inner.concurrency();
    }

    @Override
    public ScoreOutcome score(ScoringInput input) throws Exception {
      return inner.score(input);
    }

    @Override
    public void close() {
      factory.close();
      server.close();
    }
  }
}
