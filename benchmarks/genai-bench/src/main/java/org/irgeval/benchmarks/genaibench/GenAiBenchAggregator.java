package org.irgeval.benchmarks.genaibench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * Port of {@code show_performance_per_skill} of linzhiqiu/t2v_metrics@6ecb74f genai_bench/evaluate.py l.40-85
 * (called with {@code our_scores = scores.mean(axis=1)}, l.145-146).
 *
 * <ul>
 *   <li>Per prompt: the mean of its images' VQAScores (l.145; one image per prompt in the official protocol).</li>
 *   <li>Per tag (every tag of the tag file, {@code basic} and {@code advanced} included): the mean over the prompts
 *       carrying the tag (l.54-57), a prompt the tag file lists k times under one tag counted k times (l.46-52 append
 *       it once per listing), with the unbiased std beside it in {@code extra.std} (l.58: a torch tensor's
 *       {@code .std()}, ddof 1). So {@code basic} and {@code advanced} are means over their own prompts, never
 *       means of skill means.</li>
 *   <li>{@code overall} ("all"): the mean over the union of the prompts of every tag (l.64-73): prompt-weighted,
 *       so in general not the mean of basic and advanced. Without a tag file (the 527 release as shipped) there is
 *       no per-skill table and the overall is the mean over all prompts, with a note.</li>
 *   <li>The official script needs every prompt's image (l.101-108 asserts each exists): when a prompt of the set
 *       has no successful score the overall is withheld (null, with a note) and {@code extra.overall_on_scored}
 *       gives the same union mean over the scored prompts, labelled as a preview.</li>
 * </ul>
 * Row k is prompt k whatever the key base: we index by prompt id, not by {@code int(prompt_idx)} (evaluate.py
 * l.44, which is off by one on the 1-based 527 keys; docs/genai-bench.md, "Deviations").
 *
 * <p>Failures are counted and never enter a mean. Samples that carry a human rating ({@code values.human}, set by
 * {@link GenAiBenchResultsImporter} for the human-rated models' images) add {@code extra.human_agreement}
 * ({@link HumanAgreement}, genai_image_eval.py) and {@code extra.per_model_means}.
 */
final class GenAiBenchAggregator {
  static final String SCORE = "vqascore";
  static final String HUMAN = "human";
  /** Detail field naming the rated model of an imported score. */
  static final String MODEL = "model";

  private GenAiBenchAggregator() {}

  /** One successful image: its slot's prompt, metric and human score, model. */
  private record Image(Prompt prompt, int sample, double metric, double human, String model, boolean relabelled) {}

  static VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    boolean tagged = GenAiBenchPromptLoader.hasTags(prompts.version());
    List<ScoredSample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingInt((ScoredSample s) -> s.prompt().index()).thenComparingInt(ScoredSample::sample)
        .thenComparing(s -> s.score().key().promptId()));
    int failures = 0;
    List<Image> images = new ArrayList<>();
    for (ScoredSample s : sorted) {
      double v = s.score().failed() ? Double.NaN : s.score().value(SCORE);
      if (Double.isNaN(v)) {
        failures++;
        continue;
      }
      JsonNode d = s.score().detail();
      String model = d != null && d.path(MODEL).isTextual() ? d.get(MODEL).asText() : null;
      images.add(new Image(s.prompt(), s.sample(), v, s.score().value(HUMAN), model,
          !s.score().key().promptId().equals(s.prompt().id())));
    }
    // Per prompt (slot): the mean over its images, in prompt order.
    Map<String, double[]> perPrompt = new LinkedHashMap<>();
    Map<String, Prompt> promptOf = new LinkedHashMap<>();
    for (Image im : images) {
      double[] acc = perPrompt.computeIfAbsent(im.prompt().id(), k -> new double[2]);
      acc[0] += im.metric();
      acc[1]++;
      promptOf.putIfAbsent(im.prompt().id(), im.prompt());
    }
    Map<String, Double> promptMean = new LinkedHashMap<>();
    perPrompt.forEach((id, acc) -> promptMean.put(id, acc[0] / acc[1]));

    List<String> tagOrder = tagOrder(prompts, tagged);
    Map<String, List<Double>> byTag = new LinkedHashMap<>();
    tagOrder.forEach(t -> byTag.put(t, new ArrayList<>()));
    List<Double> union = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (Map.Entry<String, Double> e : promptMean.entrySet()) {
      Set<String> tags = tagsOf(promptOf.get(e.getKey()));
      all.add(e.getValue());
      if (!tags.isEmpty()) {
        union.add(e.getValue());
      }
      for (String t : tagList(promptOf.get(e.getKey()))) {
        byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(e.getValue());
      }
    }
    Map<String, Double> categories = new LinkedHashMap<>();
    Map<String, Double> std = new LinkedHashMap<>();
    Map<String, Integer> perTag = new LinkedHashMap<>();
    for (String t : tagOrder) {
      List<Double> xs = byTag.get(t);
      categories.put(t, tagged && !xs.isEmpty() ? mean(xs) : null);
      if (tagged) {
        std.put(t, HumanAgreement.finite(std1(xs)));
        perTag.put(t, xs.size());
      }
    }
    List<Double> overallOver = tagged ? union : all;
    Double onScored = overallOver.isEmpty() ? null : mean(overallOver);
    std.put("all", HumanAgreement.finite(std1(overallOver)));
    int unscored = 0;
    for (Prompt p : prompts.prompts()) {
      if (!promptMean.containsKey(p.id())) {
        unscored++;
      }
    }
    Double overall = unscored == 0 ? onScored : null;

    List<String> notes = new ArrayList<>();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("release", prompts.version());
    extra.put("overall_rule", tagged ? "mean over the union of tagged prompts (evaluate.py l.64-73)"
        : "mean over all prompts (no tag file)");
    extra.put(VariantSummary.PREVIEW, onScored);
    extra.put("std", std);
    if (tagged) {
      extra.put("prompts_per_tag", perTag);
      Double b = categories.get(GenAiBenchTags.BASIC);
      Double a = categories.get(GenAiBenchTags.ADVANCED);
      extra.put("mean_of_basic_and_advanced_not_official", b != null && a != null ? (b + a) / 2 : null);
    } else {
      notes.add("no skill tags (" + GenAiBenchRelease.ofVersion(prompts.version()).skillsFile() + " absent): the"
          + " per-skill table is omitted and the overall is the mean over all prompts");
    }
    if (unscored > 0) {
      notes.add("overall withheld: " + unscored + " of " + prompts.prompts().size() + " prompts have no scored image"
          + " (the official genai_bench/evaluate.py l.101-108 needs every prompt's image);"
          + " extra.overall_on_scored is the same mean over the scored prompts (a preview)");
    }
    if (failures > 0) {
      notes.add(failures + " scoring failure(s) counted, not scored");
    }
    boolean rated = images.stream().anyMatch(im -> !Double.isNaN(im.human()));
    boolean relabelled = images.stream().anyMatch(Image::relabelled);
    if (rated && !relabelled) {
      extra.put("human_agreement", agreement(images, tagOrder, tagged));
      extra.put("per_model_means", perModel(images, tagOrder, tagged));
    }
    return new VariantSummary(overall, promptMean.size(), images.size(), categories, extra, failures, notes);
  }

  /** The known tags in official order, then any other tag the tag file has (sorted). */
  private static List<String> tagOrder(PromptSet prompts, boolean tagged) {
    Set<String> out = new LinkedHashSet<>(GenAiBenchTags.ALL);
    if (tagged) {
      Set<String> extra = new TreeSet<>();
      prompts.prompts().forEach(p -> extra.addAll(tagsOf(p)));
      out.addAll(extra);
    }
    return List.copyOf(out);
  }

  /** A prompt's tags, each as often as the tag file lists the prompt under it (the official per-tag weight). */
  static List<String> tagList(Prompt p) {
    List<String> out = new ArrayList<>();
    if (p.metadata() != null) {
      p.metadata().path(GenAiBenchTags.METADATA_FIELD).forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  /** The images of one tag, each once per listing of its prompt under the tag (genai_image_eval.py l.47-54). */
  private static List<Image> withTag(List<Image> images, String tag) {
    List<Image> out = new ArrayList<>();
    for (Image im : images) {
      for (String t : tagList(im.prompt())) {
        if (t.equals(tag)) {
          out.add(im);
        }
      }
    }
    return out;
  }

  static Set<String> tagsOf(Prompt p) {
    Set<String> out = new LinkedHashSet<>();
    if (p.metadata() != null) {
      p.metadata().path(GenAiBenchTags.METADATA_FIELD).forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  /** genai_image_eval.py: over all rated images (dataset.py l.1337-1346) and per tag (l.1348-1374). */
  private static Map<String, Object> agreement(List<Image> images, List<String> tagOrder, boolean tagged) {
    List<Image> rated = images.stream().filter(im -> !Double.isNaN(im.human())).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("all", HumanAgreement.of(human(rated), metric(rated)));
    if (tagged) {
      Map<String, Object> per = new LinkedHashMap<>();
      for (String t : tagOrder) {
        List<Image> mine = withTag(rated, t);
        if (!mine.isEmpty()) {
          per.put(t, HumanAgreement.of(human(mine), metric(mine)));
        }
      }
      out.put("per_tag", per);
    }
    return out;
  }

  /** genai_image_eval.py show_performance_per_skill l.39-105: metric and human means per tag per rated model. */
  private static Map<String, Object> perModel(List<Image> images, List<String> tagOrder, boolean tagged) {
    Map<String, List<Image>> byModel = new TreeMap<>();
    for (Image im : images) {
      if (im.model() != null && !Double.isNaN(im.human())) {
        byModel.computeIfAbsent(im.model(), k -> new ArrayList<>()).add(im);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    byModel.forEach((model, ims) -> {
      Map<String, Object> tags = new LinkedHashMap<>();
      if (tagged) {
        for (String t : tagOrder) {
          List<Image> mine = withTag(ims, t);
          if (!mine.isEmpty()) {
            tags.put(t, means(mine));
          }
        }
      }
      List<Image> all = tagged ? ims.stream().filter(im -> !tagsOf(im.prompt()).isEmpty()).toList() : ims;
      tags.put("all", means(all));
      out.put(model, tags);
    });
    return out;
  }

  private static Map<String, Object> means(List<Image> ims) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", ims.size());
    m.put("metric", ims.isEmpty() ? null : mean(ims.stream().map(Image::metric).toList()));
    m.put("human", ims.isEmpty() ? null : mean(ims.stream().map(Image::human).toList()));
    return m;
  }

  private static double[] human(List<Image> ims) {
    return ims.stream().mapToDouble(Image::human).toArray();
  }

  private static double[] metric(List<Image> ims) {
    return ims.stream().mapToDouble(Image::metric).toArray();
  }

  static double mean(List<Double> xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.size();
  }

  /** Unbiased standard deviation (ddof 1, torch's {@code .std()}); NaN for fewer than two values, as torch gives. */
  static double std1(List<Double> xs) {
    if (xs.size() < 2) {
      return Double.NaN;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (xs.size() - 1));
  }
}
