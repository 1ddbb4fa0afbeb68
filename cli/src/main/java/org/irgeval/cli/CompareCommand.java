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

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|markdown|json|csv",
      description = "markdown: a summary fit for a pull-request comment; json: the verdicts as one JSON document;"
          + " csv: one row per benchmark x variant. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--json", description = "The same as --format json (stdout holds only the JSON).")
  boolean json;

  /** One comparison of the gate, as the json and csv formats give it. */
  record Row(String benchmark, String variant, int prompts, double base, double candidate, double delta,
             double ci95Low, double ci95High, double pValue, double pAdjusted, long fixed, long broken, boolean failed,
             List<String> changes) {
    static Row of(Gate.Verdict v) {
      var c = v.comparison();
      return new Row(c.benchmark(), v.variant(), c.prompts(), c.baseValue(), c.candValue(), c.delta(), c.ci95()[0],
          c.ci95()[1], c.pValue(), v.pAdjusted(), c.fixed(), c.broken(), v.failed(), v.changes());
    }

    static final String CSV_HEADER = "benchmark,variant,prompts,base,candidate,delta,ci95_low,ci95_high,p_value,"
        + "p_adjusted,fixed,broken,failed,changes";

    String csv() {
      return String.join(",", csvField(benchmark), csvField(variant), String.valueOf(prompts), num(base),
          num(candidate), num(delta), num(ci95Low), num(ci95High), num(pValue), num(pAdjusted),
          String.valueOf(fixed), String.valueOf(broken), String.valueOf(failed), csvField(String.join("; ", changes)));
    }

    private static String num(double d) {
      return Double.isFinite(d) ? String.valueOf(d) : "";
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvField(String s) {
      return s.matches("(?s).*[\",\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
  }

  /** The {@code --format json} result: the verdict, its exit code, the settings and every comparison. */
  record Verdicts(String verdict, int exitCode, double maxDrop, double alpha, List<Row> comparisons,
                  List<String> skipped, List<String> noVerdict, List<String> refused, List<String> reasons) {}

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json) {
      format = "json";
    }
    if (!List.of("text", "markdown", "json", "csv").contains(format)) {
      err.println("irg-eval compare: --format must be text, markdown, json or csv");
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
    if (format.equals("json")) {
      try {
        JsonOption.print(out, new Verdicts(o.code() == Gate.UNUSABLE ? "no verdict" : o.code() == 0 ? "pass" : "fail",
            o.code(), maxDrop, alpha, o.verdicts().stream().map(Row::of).toList(), o.skipped(), o.noVerdict(),
            o.refused(), o.reasons()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      o.reasons().forEach(s -> err.println("irg-eval compare: " + s));
    } else if (format.equals("csv")) {
      out.println(Row.CSV_HEADER);
      o.verdicts().forEach(v -> out.println(Row.of(v).csv()));
      o.reasons().forEach(s -> err.println("irg-eval compare: " + s));
    } else if (format.equals("markdown")) {
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
