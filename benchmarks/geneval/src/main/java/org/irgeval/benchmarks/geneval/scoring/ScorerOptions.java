package org.irgeval.benchmarks.geneval.scoring;

import java.nio.file.Path;
import org.irgeval.api.DataException;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerUnavailableException;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.MetadataLoader;
import org.irgeval.benchmarks.geneval.rules.RuleConfig;
import org.irgeval.benchmarks.geneval.rules.RuleEngine;

/** What every GenEval scorer provider needs from the context. */
public final class ScorerOptions {
  private ScorerOptions() {}

  public static ClassNames classNames(ScorerContext ctx) throws ScorerUnavailableException {
    Path file = ctx.dataDir().resolve(MetadataLoader.DIR).resolve(ClassNames.PATH);
    try {
      return ClassNames.read(file, MetadataLoader.DIR + "/" + ClassNames.PATH);
    } catch (DataException e) {
      throw new ScorerUnavailableException("geneval scoring needs the class list: " + e.getMessage());
    }
  }

  /** The official constants, with the official {@code --options} keys accepted as scorer options. */
  public static RuleEngine engine(ScorerContext ctx) throws ScorerUnavailableException {
    try {
      return new RuleEngine(RuleConfig.fromOptions(ctx.options()));
    } catch (NumberFormatException e) {
      throw new ScorerUnavailableException("geneval rule option is not a number: " + e.getMessage());
    }
  }

  public static int concurrency(ScorerContext ctx, int dflt) throws ScorerUnavailableException {
    String v = ctx.options().get("concurrency");
    try {
      return v == null ? dflt : Math.max(1, Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new ScorerUnavailableException("geneval option concurrency=" + v + " is not an integer");
    }
  }
}
