package org.irgeval.benchmarks.geneval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * The official aggregation, a port of djghosh13/geneval@af4902f {@code evaluation/summary_scores.py}:
 * <ul>
 *   <li>l.35-38: per tag, the mean of {@code correct} over that tag's IMAGES;</li>
 *   <li>l.41: overall = {@code np.mean(task_scores)}, the unweighted mean of the tag means (not the mean over
 *       all images), over the tags that have at least one image ({@code groupby} yields only those);</li>
 *   <li>l.27-28: "% correct images" and "% correct prompts" (any image of the prompt correct), informational,
 *       kept in {@code extra}.</li>
 * </ul>
 * Failed scores are counted in {@code failures} and left out of every mean.
 */
public final class GenEvalAggregator {
  /** The value name a GenEval scorer stores: 1.0 correct, 0.0 not. */
  public static final String CORRECT = "correct";

  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    Map<String, int[]> perTag = new LinkedHashMap<>(); // tag -> {correct, images}
    prompts.categories().keySet().forEach(t -> perTag.put(t, new int[2]));
    Map<String, Boolean> anyCorrect = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int failures = 0;
    int images = 0;
    int correctImages = 0;
    int duplicates = 0;
    List<String> notes = new ArrayList<>();
    for (ScoredSample s : samples) {
      if (s.score().failed()) {
        failures++;
        continue;
      }
      String key = s.prompt().id() + "/" + s.sample();
      if (!seen.add(key)) {
        duplicates++; // summary_scores.py counts every line; we do too, but say so
      }
      double v = s.score().value(CORRECT);
      if (Double.isNaN(v)) {
        failures++;
        continue;
      }
      boolean ok = v >= 0.5;
      int[] t = perTag.computeIfAbsent(s.prompt().category(), k -> new int[2]);
      t[0] += ok ? 1 : 0;
      t[1]++;
      images++;
      correctImages += ok ? 1 : 0;
      anyCorrect.merge(s.prompt().id(), ok, Boolean::logicalOr);
    }
    Map<String, Double> categories = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    double sum = 0;
    int tags = 0;
    for (Map.Entry<String, int[]> e : perTag.entrySet()) {
      int[] t = e.getValue();
      counts.put(e.getKey(), t[1]);
      if (t[1] == 0) {
        categories.put(e.getKey(), null);
        continue;
      }
      double mean = (double) t[0] / t[1];
      categories.put(e.getKey(), mean);
      sum += mean;
      tags++;
    }
    Double overall = tags == 0 ? null : sum / tags;
    if (tags > 0 && tags < perTag.size()) {
      notes.add("overall is the mean over " + tags + " of " + perTag.size()
          + " tags (as summary_scores.py does); not comparable to a full GenEval score");
    }
    if (failures > 0) {
      notes.add(failures + " image(s) could not be scored and are left out of every mean");
    }
    if (duplicates > 0) {
      notes.add(duplicates + " image(s) were scored more than once and count once per score line");
    }
    if (PromptFile.REWRITTEN.version().equals(prompts.version())) {
      notes.add("rewritten prompts (BAGEL evaluation_metadata_long.jsonl): compare only with rows marked as "
          + "rewritten-prompt rows");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("prompts", prompts.version());
    extra.put("correct_images", images == 0 ? null : (double) correctImages / images);
    extra.put("correct_prompts", anyCorrect.isEmpty() ? null
        : anyCorrect.values().stream().filter(b -> b).count() / (double) anyCorrect.size());
    extra.put("images_per_tag", counts);
    return new VariantSummary(overall, anyCorrect.size(), images, categories, extra, failures, notes);
  }
}
