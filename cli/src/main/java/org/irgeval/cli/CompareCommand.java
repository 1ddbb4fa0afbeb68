package org.irgeval.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.irgeval.report.Comparisons;
import org.irgeval.report.Gate;
import org.irgeval.report.GateText;
import org.irgeval.report.RunView;
import org.irgeval.run.Registry;
import org.irgeval.stats.StratifiedBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code irg-eval compare BASE CAND}: the checkpoint regression gate. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare a candidate run with a baseline run, per benchmark and per variant both have (turn 1,"
        + " reflection, ...), on the prompts both scored (paired two-level bootstrap with the benchmark's own"
        + " aggregation, McNemar where images are right/wrong, Holm across benchmark x variant).",
        "Exit 0: nothing is significantly worse than allowed; 1: something is; 2: no verdict (settings differ,"
            + " too few paired prompts, nothing comparable)."})
public final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BASE", description = "Baseline run directory.")
  Path base;

  @Parameters(index = "1", paramLabel = "CAND", description = "Candidate run directory.")
  Path cand;

  @Option(names = "--max-drop", defaultValue = "0.01", paramLabel = "FRACTION",
      description = "Allowed drop of the overall, as a fraction of each benchmark's full scale. Default: ${DEFAULT-VALUE}.")
  double maxDrop;

  @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level after Holm. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--benchmarks", split = ",", paramLabel = "LIST", description = "Only these benchmarks.")
  List<String> benchmarks;

  @Option(names = "--variant", paramLabel = "NAME", description = "Only this variant (default: every variant both runs have).")
  String variant;

  @Option(names = "--variant-map", paramLabel = "A=B",
      description = "Treat variant A of one run as variant B of the other, e.g. imported=reflection (repeatable).")
  List<String> variantMap;

  @Option(names = "--min-prompts", defaultValue = "" + Gate.DEFAULT_MIN_PROMPTS, paramLabel = "N",
      description = "Paired prompts below which a comparison gives no verdict. Default: ${DEFAULT-VALUE}.")
  int minPrompts;

  @Option(names = "--allow-setting-change",
      description = "Compare runs whose scorer, judge model, protocol, prompt set or benchmark options differ"
          + " (each verdict says what changed).")
  boolean allowSettingChange;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|markdown",
      description = "markdown: a summary fit for a pull-request comment. Default: ${DEFAULT-VALUE}.")
  String format;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("markdown")) {
      err.println("irg-eval compare: --format must be text or markdown");
      return Gate.UNUSABLE;
    }
    if (!(maxDrop >= 0) || !(alpha > 0 && alpha < 1) || minPrompts < 2) {
      err.println("irg-eval compare: --max-drop must be >= 0, --alpha in (0, 1) and --min-prompts at least 2");
      return Gate.UNUSABLE;
    }
    Gate.Outcome o;
    try {
      RunView a = RunView.read(base, "base");
      RunView b = RunView.read(cand, "candidate");
      // a torn last line is left out: said, never silently
      a.snapshot().notes().forEach(n -> err.println("irg-eval compare: note: " + n));
      b.snapshot().notes().forEach(n -> err.println("irg-eval compare: note: " + n));
      Map<String, String> map = KeyValues.parse(variantMap, "--variant-map");
      Gate.Options opts = Gate.Options.defaults().withVariant(variant).withOnly(benchmarks).withVariantMap(map)
          .withMargin(maxDrop, alpha).withMinPrompts(minPrompts).withAllowSettingChange(allowSettingChange);
      o = new Gate(Registry.discover(), new Comparisons(StratifiedBootstrap.standard())).run(a, b, opts);
    } catch (Exception e) {
      err.println("irg-eval compare: " + e.getMessage());
      return Gate.UNUSABLE;
    }
    if (format.equals("markdown")) {
      GateText.markdown(o, maxDrop, out);
      o.reasons().forEach(s -> err.println("irg-eval compare: " + s));
    } else {
      GateText.text(o, out, err);
    }
    out.flush();
    err.flush();
    return o.code();
  }
}
