package org.irgeval.cli;

import java.util.List;
import java.util.Map;
import org.irgeval.run.RunService;
import org.irgeval.scoring.judge.JudgeConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --scorer}, {@code --scorer-opt} and {@code --judge-*}: how a run, score or merge command scores. */
final class ScorerOptions {
  @Option(names = "--scorer", paramLabel = "BENCH=ID", description = "Choose a scorer for a benchmark (see 'irg-eval list').")
  List<String> scorers;

  @Option(names = "--scorer-opt", paramLabel = "KEY=VALUE",
      description = "Scorer option (e.g. detections=PATH for geneval-recorded; see 'irg-eval list').")
  List<String> scorerOptions;

  @ArgGroup(exclusive = false, heading = "Judge (OpenAI-compatible VLM)%n")
  JudgeOptions judge = new JudgeOptions();

  /** {@code --scorer BENCH=ID} choices, in the order given. */
  Map<String, String> chosen() {
    return KeyValues.parse(scorers, "--scorer");
  }

  /** {@code --scorer-opt KEY=VALUE} options. */
  Map<String, String> options() {
    return KeyValues.parse(scorerOptions, "--scorer-opt");
  }

  JudgeConfig judgeSettings() {
    return judge.settings();
  }

  /** All of it, as the run service takes it. */
  RunService.Scoring scoring() {
    return new RunService.Scoring(chosen(), options(), judgeSettings());
  }
}
