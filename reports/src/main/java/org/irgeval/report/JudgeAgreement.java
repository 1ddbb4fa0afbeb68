package org.irgeval.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Benchmark;
import org.irgeval.api.ScoredSample;
import org.irgeval.stats.CohensKappa;

/**
 * How far two judges (or scoring back ends) agree on the same images: Cohen's kappa over their individual answers
 * ({@link Benchmark#judgements}), overall and per category (the question type). Made for a benchmark scored twice,
 * e.g. TIIF by GPT-4o and by Qwen2.5-VL: each judge's own table is the benchmark's table, one row per run.
 *
 * @param benchmark benchmark id
 * @param a         "run / variant" of the first judge
 * @param b         "run / variant" of the second
 * @param judgeA    the first run's judge (or scorer) setting
 * @param judgeB    the second's
 * @param answers   paired answers compared
 * @param kappa     overall kappa
 * @param perCategory kappa per category
 */
public record JudgeAgreement(String benchmark, String a, String b, String judgeA, String judgeB, int answers,
                             double kappa, Map<String, Double> perCategory) {

  /** Empty when the two sides share no image with answers. */
  static java.util.Optional<JudgeAgreement> of(Benchmark bench, RunView ra, RunView rb, String variant) {
    Map<String, List<String>> byImage = new HashMap<>();
    for (ScoredSample s : ra.samples(bench.id(), variant)) {
      byImage.put(s.prompt().id() + "#" + s.sample(), bench.judgements(s.score()));
    }
    List<String> all1 = new ArrayList<>();
    List<String> all2 = new ArrayList<>();
    Map<String, List<List<String>>> cats = new LinkedHashMap<>();
    for (ScoredSample s : rb.samples(bench.id(), variant)) {
      List<String> x = byImage.get(s.prompt().id() + "#" + s.sample());
      List<String> y = bench.judgements(s.score());
      if (x == null || x.isEmpty() || x.size() != y.size()) {
        continue;
      }
      all1.addAll(x);
      all2.addAll(y);
      List<List<String>> c = cats.computeIfAbsent(s.prompt().category(), k -> List.of(new ArrayList<>(),
          new ArrayList<>()));
      c.get(0).addAll(x);
      c.get(1).addAll(y);
    }
    if (all1.isEmpty()) {
      return java.util.Optional.empty();
    }
    Map<String, Double> per = new LinkedHashMap<>();
    cats.forEach((k, v) -> per.put(k, CohensKappa.of(v.get(0), v.get(1))));
    return java.util.Optional.of(new JudgeAgreement(bench.id(), ra.label() + " / " + variant,
        rb.label() + " / " + variant, judge(ra, bench.id()), judge(rb, bench.id()), all1.size(),
        CohensKappa.of(all1, all2), per));
  }

  private static String judge(RunView r, String benchmark) {
    Map<String, String> s = r.settings(benchmark);
    return s.getOrDefault("judge", s.getOrDefault("scorer", "?"));
  }
}
