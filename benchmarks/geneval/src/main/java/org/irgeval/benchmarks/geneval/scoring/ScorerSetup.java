package org.irgeval.benchmarks.geneval.scoring;

import java.util.ArrayList;
import java.util.List;
import org.irgeval.api.OptionSpec;

import java.nio.file.Path;
import org.irgeval.api.DataException;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.GenEvalPromptLoader;
import org.irgeval.benchmarks.geneval.rules.RuleConfig;
import org.irgeval.benchmarks.geneval.rules.RuleEngine;

/** What every GenEval scorer provider needs from the context. */
public final class ScorerSetup {
  private ScorerSetup() {}

  public static ClassNames classNames(ScorerContext ctx) throws ScorerUnavailableException {
    Path file = ctx.dataDir().resolve(GenEvalPromptLoader.DIR).resolve(ClassNames.PATH);
    try {
      return ClassNames.read(file, GenEvalPromptLoader.DIR + "/" + ClassNames.PATH);
    } catch (DataException e) {
      throw new ScorerUnavailableException("geneval scoring needs the class list: " + e.getMessage());
    }
  }

  /** The official constants, with the official {@code --options} keys accepted as scorer options. */
  public static RuleEngine engine(ScorerContext ctx) {
    return new RuleEngine(RuleConfig.fromOptions(ctx.options()));
  }

  /** The scorer options of a GenEval back end: the official rule constants plus its own. */
  public static List<OptionSpec> options(OptionSpec... own) {
    List<OptionSpec> all = new ArrayList<>(RuleConfig.OPTIONS);
    all.addAll(List.of(own));
    return List.copyOf(all);
  }
}
