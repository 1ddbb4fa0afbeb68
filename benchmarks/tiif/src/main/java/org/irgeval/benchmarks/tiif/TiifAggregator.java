package org.irgeval.benchmarks.tiif;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * Port of A113N-W3I/TIIF-Bench@3aae750 {@code eval/summary_results.py} + {@code eval/summary_dimension_results.py}
 * (docs/tiif.md section 3), per length (short, long) separately:
 * <ol>
 *   <li>per type: accuracy = correct answers / questions over all images of the type (a micro average,
 *       {@code summary_results.py} l.87-97), written to the xlsx as a 4-decimal string (l.142) and read back, so the
 *       official groups are means of accuracies rounded half-even to 4 decimals ({@link #round4});</li>
 *   <li>per group: the unweighted mean of its types' accuracies, types without data left out
 *       ({@code summary_dimension_results.py} l.58-67);</li>
 *   <li>overall: the unweighted mean of the 9 groups, groups without data left out (l.89-107).</li>
 * </ol>
 * Scale ×100 as the table. Categories: {@code short/<group>}, {@code long/<group>}, {@code short/overall},
 * {@code long/overall}. {@code overall} is the mean of the short and long overalls: this project's single number
 * (the paper and the official script report the two separately), null when either is missing. The
 * "Basic_Following_Overall" and "Advanced_Following_Overall" means (flat means over 12 and 26 types, l.49-51) are
 * in {@code extra}, as are the type accuracies. Failed judgements are counted and left out, as an image without a
 * result file is officially.
 */
final class TiifAggregator {
  static final String CORRECT = "correct";
  static final String TOTAL = "total";
  /** Supplementary text metrics of {@code text} images (TiifTextMetrics), never in the overall. */
  static final String GNED = "gned";
  static final String RECALL = "recall";

  VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    // length -> type -> {correct, total}
    Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
    TiifPromptLoader.LENGTHS.forEach(l -> counts.put(l, new TreeMap<>()));
    java.util.Set<String> scoredPrompts = new java.util.HashSet<>();
    int failures = 0;
    int images = 0;
    for (ScoredSample s : samples) {
      if (s.score().failed()) {
        failures++;
        continue;
      }
      var meta = s.prompt().metadata();
      String length = meta.path("length").asText();
      String type = meta.path("type").asText();
      long[] c = counts.computeIfAbsent(length, k -> new TreeMap<>()).computeIfAbsent(type, k -> new long[2]);
      c[0] += Math.round(s.score().value(CORRECT));
      c[1] += Math.round(s.score().value(TOTAL));
      images++;
      scoredPrompts.add(s.prompt().id());
    }
    Map<String, Double> categories = new LinkedHashMap<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, Double> lengthOverall = new LinkedHashMap<>();
    Map<String, Object> typeAcc = new LinkedHashMap<>();
    for (String length : TiifPromptLoader.LENGTHS) {
      Map<String, Double> acc = new LinkedHashMap<>();
      for (String type : TiifGroups.types()) {
        long[] c = counts.get(length).get(type);
        if (c != null && c[1] > 0) {
          acc.put(type, round4((double) c[0] / c[1]));
        }
      }
      typeAcc.put(length, scaled(acc));
      List<Double> groupScores = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, List<String>> g : TiifGroups.GROUPS.entrySet()) {
        Double m = mean(g.getValue(), acc);
        categories.put(length + "/" + g.getKey(), m == null ? null : 100 * m);
        if (m == null) {
          missing.add(g.getKey());
        } else {
          groupScores.add(m);
        }
      }
      Double overall = groupScores.isEmpty() ? null
          : groupScores.stream().mapToDouble(Double::doubleValue).sum() / groupScores.size();
      categories.put(length + "/overall", overall == null ? null : 100 * overall);
      if (overall != null) {
        lengthOverall.put(length, 100 * overall);
      }
      if (!missing.isEmpty() && overall != null) {
        notes.add(length + " overall is the mean of " + groupScores.size() + " of 9 groups (no data: "
            + String.join(", ", missing) + "), as summary_dimension_results.py skips them; not comparable with a"
            + " 9-group overall");
      }
      Double basic = mean(TiifGroups.BASIC_FOLLOWING, acc);
      Double advanced = mean(TiifGroups.ADVANCED_FOLLOWING, acc);
      extra.put(length + "/basic_following", basic == null ? null : 100 * basic);
      extra.put(length + "/advanced_following", advanced == null ? null : 100 * advanced);
    }
    extra.put("type_accuracy", typeAcc);
    Map<String, Object> textOcr = textOcr(samples);
    if (!textOcr.isEmpty()) {
      extra.put("text_ocr", textOcr);
    }
    Double overall = null;
    if (lengthOverall.size() == TiifPromptLoader.LENGTHS.size()) {
      overall = lengthOverall.values().stream().mapToDouble(Double::doubleValue).sum() / lengthOverall.size();
      notes.add("overall = mean of short/overall and long/overall (this project's convention; the paper and the"
          + " official scripts report short and long separately)");
    } else if (!lengthOverall.isEmpty()) {
      notes.add("overall withheld: only " + lengthOverall.keySet() + " descriptions have scores");
    } else {
      notes.add("overall withheld: no scored image");
    }
    if (failures > 0) {
      notes.add(failures + " image(s) without a usable judgement are left out (counted as failures), as the official"
          + " scripts leave out images without a result file");
    }
    return new VariantSummary(overall, scoredPrompts.size(), images, categories, extra, failures, notes);
  }

  /**
   * Per length: the plain means of GNED and recall over the {@code text} images that have them
   * (process_json_file l.112-144 averages over the images of a folder), and how many images that was.
   */
  private static Map<String, Object> textOcr(List<ScoredSample> samples) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String length : TiifPromptLoader.LENGTHS) {
      double[] g = new double[2];
      double[] r = new double[2];
      for (ScoredSample s : samples) {
        if (s.score().failed() || !length.equals(s.prompt().metadata().path("length").asText())) {
          continue;
        }
        if (s.score().values().containsKey(GNED)) {
          g[0] += s.score().value(GNED);
          g[1]++;
        }
        if (s.score().values().containsKey(RECALL)) {
          r[0] += s.score().value(RECALL);
          r[1]++;
        }
      }
      if (g[1] > 0) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gned", g[0] / g[1]);
        m.put("recall", r[1] > 0 ? r[0] / r[1] : null);
        m.put("images", (int) g[1]);
        out.put(length, m);
      }
    }
    return out;
  }

  /** The unweighted mean of the defined values of {@code types}, or null when none is defined. */
  private static Double mean(List<String> types, Map<String, Double> acc) {
    double sum = 0;
    int n = 0;
    for (String t : types) {
      Double v = acc.get(t);
      if (v != null) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  private static Map<String, Double> scaled(Map<String, Double> acc) {
    Map<String, Double> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, 100 * v));
    return out;
  }

  /**
   * Python's {@code f"{x:.4f}"} read back as a float (summary_results.py l.142 then summary_dimension_results.py
   * l.27): the exact binary value rounded half-even, so 17/32 = 0.53125 becomes 0.5312 (HALF_UP would give 0.5313).
   */
  static double round4(double x) {
    return new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
  }
}
