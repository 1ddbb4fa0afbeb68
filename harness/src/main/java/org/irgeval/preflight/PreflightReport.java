package org.irgeval.preflight;

import java.util.List;
import java.util.Locale;

/**
 * Everything the preflight found: one result per check and the plan. {@code doctor} prints it (and its
 * {@code --json} form is this record); {@code run} and {@code score} refuse to start when a check failed.
 */
public record PreflightReport(List<CheckResult> checks, Plan plan) {
  public PreflightReport {
    checks = List.copyOf(checks);
  }

  public boolean ok() {
    return checks.stream().noneMatch(CheckResult::failed);
  }

  public List<CheckResult> failures() {
    return checks.stream().filter(CheckResult::failed).toList();
  }

  /** The checks, one line each ({@code [OK  ] data wise: 1000 prompts (12 ms)}). */
  public List<String> checkLines() {
    return checks.stream().map(c -> String.format(Locale.ROOT, "[%-4s] %s: %s (%d ms)", c.status(), c.check(),
        c.message(), c.millis())).toList();
  }

  /** The plan as a table and its totals. */
  public List<String> planLines() {
    Plan p = plan;
    var out = new java.util.ArrayList<String>();
    out.add(String.format(Locale.ROOT, "%-12s %8s %7s %12s %9s  %-22s %s", "benchmark", "prompts", "samples",
        "trajectories", "judge", "scorer", "judge model"));
    for (Plan.BenchmarkPlan b : p.benchmarks()) {
      out.add(String.format(Locale.ROOT, "%-12s %8d %7d %12d %9s  %-22s %s%s", b.benchmark(), b.prompts(),
          b.samples(), b.trajectories(), b.judgeCalls() < 0 ? "?" : Long.toString(b.judgeCalls()),
          b.scorer() == null ? "-" : b.scorer(), b.judgeModel() == null ? "-" : b.judgeModel(),
          b.promptSource().equals("data") ? "" : "  (" + b.promptSource() + ")"));
    }
    out.add(String.format(Locale.ROOT, "total: %d trajectories, %d images (%d turn%s each), %d judge calls",
        p.trajectories(), p.images(), p.turns(), p.turns() == 1 ? "" : "s", p.judgeCalls()));
    if (p.generate()) {
      out.add(String.format(Locale.ROOT, "GPU: %.1f GPU-hours at %.2f s per trajectory (%s)", p.gpuHours(),
          p.gpuSecondsPerTrajectory(), p.timeSource()));
      out.add(String.format(Locale.ROOT, "disk: about %.1f GB of images", p.imageBytes() / 1e9));
    } else {
      out.add("GPU: none (scores stored trajectories)");
    }
    Double cost = p.judgeCostUsd();
    out.add(cost == null ? "judge cost: give --judge-price-in/--judge-price-out to estimate it"
        : String.format(Locale.ROOT, "judge cost: about $%.2f (%d prompt + %d completion tokens per call, rough)",
            cost, Plan.PROMPT_TOKENS_PER_CALL, Plan.COMPLETION_TOKENS_PER_CALL));
    return out;
  }
}
