package org.irgeval.run;

import java.nio.file.Path;
import org.irgeval.scoring.judge.JudgeConfig;

/** Opens the run's judge back end (the OpenAI-compatible client; tests give a loopback or a counting one). */
@FunctionalInterface
public interface JudgeOpener {
  /** The OpenAI-compatible client of {@code --judge-url}. */
  JudgeOpener OPENAI = OpenAiJudgeBackend::open;

  /**
   * @param judge    the judge's settings
   * @param cacheDir the run's judge cache folder
   */
  JudgeBackend open(JudgeConfig judge, Path cacheDir);
}
