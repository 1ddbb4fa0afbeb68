package org.irgeval.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.irgeval.api.Judge;
import org.irgeval.run.JudgeBackend;
import org.irgeval.run.RunConfig;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;
import org.irgeval.util.Json;

/** Wires the OpenAI-compatible judge client into the run engine. */
final class JudgeBackends {
  private JudgeBackends() {}

  static JudgeBackend open(RunConfig.JudgeSettings s, Path cacheDir) {
    URI url;
    try {
      url = URI.create(s.url());
    } catch (IllegalArgumentException e) {
      // URI's own message quotes the whole string: never echoed, it may carry a key
      throw new IllegalArgumentException("--judge-url is not a valid URL (not shown: it may carry a key)");
    }
    JudgeConfig cfg = new JudgeConfig(url, s.model(), s.keyEnv(), s.concurrency(), s.requestsPerMinute(),
        s.maxRetries(), Duration.ofSeconds(s.timeoutSeconds()), s.promptPricePerMTok(), s.completionPricePerMTok());
    OpenAiJudgeFactory factory = new OpenAiJudgeFactory(cfg, cacheDir);
    Set<String> models = new ConcurrentSkipListSet<>();
    return new JudgeBackend() {
      @Override
      public Judge open(String defaultModel) {
        Judge j = factory.open(defaultModel);
        models.add(j.model());
        return j;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Map<String, Object> usage() {
        return Json.mapper().convertValue(factory.usage(), Map.class);
      }

      @Override
      public Set<String> models() {
        return Set.copyOf(models);
      }

      @Override
      public void close() {
        factory.close();
      }
    };
  }
}
