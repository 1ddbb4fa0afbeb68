package org.irgeval.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.irgeval.api.Judge;
import org.irgeval.scoring.judge.JudgeConfig;
import org.irgeval.scoring.judge.OpenAiJudgeFactory;
import org.irgeval.util.Json;

/** The run's judge back end for {@code --judge-url}: the OpenAI-compatible client (docs/judge.md). */
final class OpenAiJudgeBackend {
  private OpenAiJudgeBackend() {}

  static JudgeBackend open(JudgeConfig cfg, Path cacheDir) {
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
