package org.irgeval.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One variant's result on the benchmark's own scale (what {@code summary.json} shows).
 *
 * @param overall    the official overall, or null when the official rules give none (e.g. missing ids)
 * @param nPrompts   prompts with at least one scored image
 * @param nImages    images scored successfully
 * @param categories official category scores in official order (null value = no data)
 * @param extra      further labelled numbers (e.g. an alternative overall convention); when the official rules
 *                   withhold the overall, {@link #PREVIEW} may hold a labelled preview that reports show as such
 * @param failures   scoring attempts that ended in a counted failure
 * @param notes      human-readable notes (e.g. "overall withheld: 12 prompt ids missing")
 */
public record VariantSummary(Double overall, int nPrompts, int nImages, Map<String, Double> categories,
                             Map<String, Object> extra, int failures, List<String> notes) {
  /** Key in {@link #extra()} of a preview overall shown when the official overall is withheld. */
  public static final String PREVIEW = "overall_on_scored";

  public VariantSummary {
    categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    notes = List.copyOf(notes);
  }
}
