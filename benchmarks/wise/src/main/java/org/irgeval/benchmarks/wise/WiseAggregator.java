package org.irgeval.benchmarks.wise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * The official calculators (WISE_legacy/Calculate.py, calculate_verified.py) over one variant's scores.
 *
 * <ul>
 *   <li>Per image: WiScore ({@link WiScore}); a category's score is the mean WiScore of the images whose
 *       prompt_id is in its range (Calculate.py l.56-73, l.207-210).</li>
 *   <li>{@code overall}: the official weighted sum (Calculate.py l.240-241: 0.4/0.167/0.133/0.1/0.1/0.1;
 *       calculate_verified.py l.246-247: 0.40 + 0.12 x 5), only when every id 1..1000 has a score and all six
 *       categories have samples; otherwise null with a note, as the calculators abort (Calculate.py
 *       l.167-175, l.230-232).</li>
 *   <li>{@code extra.overall_on_scored}: the same weighted sum over the category means of what was scored,
 *       whenever all six categories have at least one image (what Calculate.py l.230-241 would print if its
 *       missing-id check were skipped). We keep the official weights rather than renormalising: with
 *       {@code --limit} runs the number is a preview, labelled as such, never the official overall.</li>
 *   <li>{@code extra.overall_unweighted_mean_bagel} (legacy): the plain mean of the six category means, the
 *       convention of BAGEL's eval/gen/wise/cal_score.py, which the BAGEL / BAGEL+CoT rows of the IRG table
 *       use (0.52 / 0.70; docs/wise.md, "Aggregation"; docs/irg-paper.md, "WISE table").</li>
 * </ul>
 * Failed scores are counted in {@code failures}, listed in a note, and never enter a mean.
 */
final class WiseAggregator {
  private WiseAggregator() {}

  static VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    WiseVersion version = WiseVersion.ofPromptSet(prompts.version());
    List<ScoredSample> sorted = new ArrayList<>(samples);
    // The official score files are sorted by prompt_id (gpt_eval.py l.266-267): sum in that order.
    sorted.sort(Comparator.comparingInt((ScoredSample s) -> Integer.parseInt(s.prompt().id()))
        .thenComparingInt(ScoredSample::sample));
    Map<String, List<Double>> byCat = new LinkedHashMap<>();
    version.categories().forEach(c -> byCat.put(c.key(), new ArrayList<>()));
    Map<String, double[]> components = new LinkedHashMap<>();
    TreeSet<Integer> scoredIds = new TreeSet<>();
    TreeSet<Integer> failedIds = new TreeSet<>();
    int failures = 0;
    int images = 0;
    for (ScoredSample s : sorted) {
      int id = Integer.parseInt(s.prompt().id());
      ScoreRecord r = s.score();
      Double w = r.failed() ? null : wiscore(version, r);
      if (w == null) {
        failures++;
        failedIds.add(id);
        continue;
      }
      WiseCategory cat = version.categoryOf(id).orElseThrow();
      byCat.get(cat.key()).add(w);
      scoredIds.add(id);
      images++;
      if (version == WiseVersion.LEGACY) {
        for (String k : WiseReplyParser.LEGACY_ORDER) {
          double[] acc = components.computeIfAbsent(k, x -> new double[2]);
          acc[0] += r.value(k);
          acc[1]++;
        }
      }
    }
    Map<String, Double> categories = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Integer> perCat = new LinkedHashMap<>();
    boolean allCategories = true;
    for (WiseCategory c : version.categories()) {
      List<Double> ws = byCat.get(c.key());
      perCat.put(c.key(), ws.size());
      if (ws.isEmpty()) {
        categories.put(c.key(), null);
        allCategories = false;
      } else {
        double sum = 0;
        for (double v : ws) {
          sum += v;
        }
        categories.put(c.key(), sum / ws.size());
      }
    }
    int missing = (WiseVersion.LAST_ID - WiseVersion.FIRST_ID + 1) - scoredIds.size();
    Double weighted = allCategories ? weighted(version, categories) : null;
    Double overall = missing == 0 ? weighted : null;
    List<String> notes = new ArrayList<>();
    extra.put("version", prompts.version());
    extra.put(VariantSummary.PREVIEW, weighted);
    if (version == WiseVersion.LEGACY) {
      extra.put("overall_unweighted_mean_bagel", allCategories ? unweightedMean(categories) : null);
    }
    extra.put("images_per_category", perCat);
    extra.put("missing_prompt_ids", missing);
    if (!components.isEmpty()) {
      Map<String, Double> means = new LinkedHashMap<>();
      components.forEach((k, acc) -> means.put(k, acc[0] / acc[1]));
      extra.put("mean_components", means);
    }
    if (missing > 0) {
      notes.add("overall withheld: " + missing + " of " + WiseVersion.LAST_ID + " prompt ids have no score"
          + " (the official " + (version == WiseVersion.LEGACY ? "WISE_legacy/Calculate.py l.167-175"
          : "calculate_verified.py l.173-181") + " aborts without an overall)"
          + (weighted != null ? "; extra.overall_on_scored applies the official weights to the categories"
          + " as scored (a preview, not the official number)" : ""));
    }
    if (failures > 0) {
      notes.add(failures + " judge failure(s) counted, not scored (no parseable judgement after "
          + WiseVersion.MAX_ATTEMPTS + " attempts), prompt ids " + abbreviate(failedIds));
    }
    if (version == WiseVersion.LEGACY) {
      notes.add("extra.overall_unweighted_mean_bagel is BAGEL's cal_score.py convention (mean of the six"
          + " categories), used by the IRG table's BAGEL rows; the official overall is weighted");
    }
    return new VariantSummary(overall, scoredIds.size(), images, categories, extra, failures, notes);
  }

  /** The WiScore of a successful record, recomputed from its components; null when they are unusable. */
  static Double wiscore(WiseVersion version, ScoreRecord r) {
    if (version == WiseVersion.LEGACY) {
      double c = r.value("consistency");
      double re = r.value("realism");
      double a = r.value("aesthetic_quality");
      if (Double.isNaN(c) || Double.isNaN(re) || Double.isNaN(a)) {
        return null;
      }
      return WiScore.legacy(c, re, a);
    }
    double s = r.value("score");
    return Double.isNaN(s) ? null : WiScore.verified(s);
  }

  /** The official weighted sum, term order as in Calculate.py l.240-241 / calculate_verified.py l.246-247. */
  static double weighted(WiseVersion version, Map<String, Double> categories) {
    double sum = 0;
    for (WiseCategory c : version.categories()) {
      sum += c.weight() * categories.get(c.key());
    }
    return sum;
  }

  static double unweightedMean(Map<String, Double> categories) {
    double sum = 0;
    for (Double v : categories.values()) {
      sum += v;
    }
    return sum / categories.size();
  }

  private static String abbreviate(TreeSet<Integer> ids) {
    List<Integer> head = ids.stream().limit(20).toList();
    return head + (ids.size() > head.size() ? " and " + (ids.size() - head.size()) + " more" : "");
  }
}
