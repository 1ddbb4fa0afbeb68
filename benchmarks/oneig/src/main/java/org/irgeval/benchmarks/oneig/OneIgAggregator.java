package org.irgeval.benchmarks.oneig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/**
 * Port of the aggregation of OneIG-Bench/OneIG-Benchmark@41b4983 {@code scripts/alignment/alignment_score.py},
 * {@code scripts/text/text_score.py}, {@code scripts/reasoning/reasoning_score.py}, {@code scripts/style/style_score.py}
 * and {@code scripts/diversity/diversity_score.py} (EN), plus the breakdowns of {@code fine_grained_analysis.py}.
 * Each scored sample is one tile of a prompt's 2x2 grid ({@link ScoredSample#sample()} = tile index, row-major) with
 * the values of {@link OneIgTile#values}; a prompt's tiles are grouped here:
 * <ul>
 *   <li>an all-black tile is dropped before scoring (utils.py l.48-51); a prompt whose every tile is black, or with no
 *       tile at all, has no score (the scripts' None/NaN, skipped by pandas {@code mean()}) and is counted;</li>
 *   <li>alignment, reasoning, style: prompt = mean over its non-black tiles (alignment_score.py l.60;
 *       reasoning_score.py l.59-61; style_score.py l.86-87); dimension = mean over the prompts that have a score
 *       (l.108, l.65, l.96: {@code score_of_prompt_csv.mean()}), i.e. over anime+human+object, the 225 reasoning and the
 *       114 styled anime prompts;</li>
 *   <li>text: micro-averaged over all non-black tiles (text_score.py l.95-102): ED and CR are tile means, WAC = sum of
 *       matched words / sum of GT words, Text = {@link OneIgRules#textScore} with MAX_ED = 100;</li>
 *   <li>diversity: prompt = mean DreamSim distance over the C(n,2) pairs of its non-black tiles, prompts with at most
 *       one such tile skipped (diversity_score.py l.65-81); per category the mean of its prompts (l.83-86), and the
 *       dimension ("total average") the mean over every prompt of all five categories (l.88-89).</li>
 * </ul>
 * The overall is the mean of the five dimensions: the IRG table's convention (BAGEL's published dimensions
 * 0.769, 0.244, 0.173, 0.367, 0.251 average to 0.361); the OneIG repository itself reports no overall. It is withheld
 * (with a note and a labelled preview) when a dimension has no score. Failures are counted, never averaged in.
 */
final class OneIgAggregator {
  static final String BLACK = "black";
  static final String ALIGNMENT = "alignment";
  static final String TEXT = "text";
  static final String REASONING = "reasoning";
  static final String STYLE = "style";
  static final String DIVERSITY = "diversity";
  static final String TEXT_ED = "text_ed";
  static final String TEXT_CR = "text_cr";
  static final String TEXT_WAC = "text_wac";
  static final String TEXT_MATCHED = "text_matched";
  static final String TEXT_GT_WORDS = "text_gt_words";
  /** Detail field of a sample that stands for a whole prompt's official per-prompt score (OneIgResultsImporter). */
  static final String PSEUDO_TILE = "pseudo_tile";
  /** Prefix of a tile's embedding components (distance = 1 - cos). */
  static final String DIV_EMBEDDING = "div_e";
  /** Prefix of a tile's recorded distance to tile j. */
  static final String DIV_DISTANCE = "div_d";
  static final List<String> DIMENSIONS = List.of(ALIGNMENT, TEXT, REASONING, STYLE, DIVERSITY);
  /** A prompt's mean pairwise distance below this looks like four tiles of one seed (OneIG issue #6: 0.0006). */
  static final double SAME_SEED_DISTANCE = 1e-3;
  static final String CONVENTION = "overall = mean of the five dimensions (the IRG table's convention; the OneIG"
      + " repository reports the five dimensions only)";

  private record Tile(int index, Map<String, Double> v) {
    boolean black() {
      return v.getOrDefault(BLACK, 0.0) != 0;
    }
  }

  VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    int failures = 0;
    int images = 0;
    Map<String, Prompt> promptOf = new LinkedHashMap<>();
    Map<String, List<Tile>> tiles = new HashMap<>();
    int textFromPromptCsv = 0;
    for (ScoredSample s : samples) {
      if (s.score().failed()) {
        failures++;
        continue;
      }
      images++;
      if (s.score().values().containsKey(TEXT_ED) && s.score().detail() != null
          && s.score().detail().has(PSEUDO_TILE)) {
        textFromPromptCsv++;
      }
      promptOf.putIfAbsent(s.prompt().id(), s.prompt());
      tiles.computeIfAbsent(s.prompt().id(), k -> new ArrayList<>()).add(new Tile(s.sample(), s.score().values()));
    }
    tiles.values().forEach(l -> l.sort(Comparator.comparingInt(Tile::index)));

    Map<String, Dim> dims = new LinkedHashMap<>();
    DIMENSIONS.forEach(d -> dims.put(d, new Dim()));
    for (Prompt p : prompts.prompts()) {
      for (String d : dimensionsOf(p)) {
        dims.get(d).expected++;
      }
    }
    double edSum = 0;
    double crSum = 0;
    double matched = 0;
    double gtWords = 0;
    int textTiles = 0;
    Map<String, List<Double>> divByCategory = new LinkedHashMap<>();
    OneIgCategory.folders().forEach(f -> divByCategory.put(f, new ArrayList<>()));
    Map<String, List<Double>> perStyle = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> fine = new LinkedHashMap<>();
    int nearIdentical = 0;
    int pairsIncomplete = 0;
    List<String> ids = new ArrayList<>(promptOf.keySet());
    Collections.sort(ids);
    for (String id : ids) {
      Prompt p = promptOf.get(id);
      List<Tile> ts = tiles.get(id);
      List<Tile> lit = ts.stream().filter(t -> !t.black()).toList();
      int blackTiles = ts.size() - lit.size();
      for (String d : dimensionsOf(p)) {
        Dim dim = dims.get(d);
        dim.blackTiles += blackTiles;
        if (lit.isEmpty()) {
          dim.allBlack++;
          continue;
        }
        Double score = null;
        switch (d) {
          case TEXT -> {
            List<Tile> with = lit.stream().filter(t -> t.v.containsKey(TEXT_ED)).toList();
            if (!with.isEmpty()) {
              for (Tile t : with) {
                edSum += t.v.get(TEXT_ED);
                crSum += t.v.get(TEXT_CR);
                matched += t.v.get(TEXT_MATCHED);
                gtWords += t.v.get(TEXT_GT_WORDS);
                textTiles++;
              }
              score = with.stream().mapToDouble(t -> t.v.get(TEXT_WAC)).average().orElseThrow();
            }
          }
          case DIVERSITY -> {
            if (lit.stream().noneMatch(OneIgAggregator::hasDiversity)) {
              break;
            }
            List<Tile> with = lit;
            if (with.size() <= 1) {
              dim.single++;
              continue;
            }
            double sum = 0;
            int n = 0;
            boolean complete = true;
            for (int a = 0; a < with.size() && complete; a++) {
              for (int b = a + 1; b < with.size(); b++) {
                Double dist = distance(with.get(a), with.get(b));
                if (dist == null) {
                  complete = false;
                  break;
                }
                sum += dist;
                n++;
              }
            }
            if (!complete) {
              pairsIncomplete++;
              break;
            }
            score = sum / n;
            if (score < SAME_SEED_DISTANCE) {
              nearIdentical++;
            }
            divByCategory.get(p.category()).add(score);
          }
          default -> {
            String key = d;
            List<Tile> with = lit.stream().filter(t -> t.v.containsKey(key)).toList();
            if (!with.isEmpty()) {
              score = with.stream().mapToDouble(t -> t.v.get(key)).average().orElseThrow();
            }
          }
        }
        if (score == null) {
          continue;
        }
        dim.scores.add(score);
        if (d.equals(STYLE)) {
          perStyle.computeIfAbsent(p.metadata().path("style").asText(), k -> new ArrayList<>()).add(score);
        }
        fineGrained(fine, d, p, score);
      }
    }

    Map<String, Double> categories = new LinkedHashMap<>();
    for (String d : DIMENSIONS) {
      if (d.equals(TEXT)) {
        categories.put(TEXT, textTiles == 0 ? null : OneIgRules.textScore(edSum / textTiles, crSum / textTiles,
            gtWords == 0 ? 0 : matched / gtWords, OneIgRules.MAX_EDIT_DISTANCE_EN));
      } else {
        categories.put(d, mean(dims.get(d).scores));
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("overall_convention", CONVENTION);
    extra.put(TEXT_ED, textTiles == 0 ? null : edSum / textTiles);
    extra.put(TEXT_CR, textTiles == 0 ? null : crSum / textTiles);
    extra.put(TEXT_WAC, textTiles == 0 || gtWords == 0 ? null : matched / gtWords);
    extra.put("text_tiles", textTiles);
    Map<String, Double> divCat = new LinkedHashMap<>();
    divByCategory.forEach((c, l) -> divCat.put(c, mean(l)));
    extra.put("diversity_per_category", divCat);
    Map<String, Double> styles = new LinkedHashMap<>();
    for (String s : OneIgPromptLoader.STYLES) {
      if (perStyle.containsKey(s)) {
        styles.put(s, mean(perStyle.get(s)));
      }
    }
    extra.put("style_per_style", styles);
    Map<String, Object> fg = new LinkedHashMap<>();
    fine.forEach((d, groups) -> {
      Map<String, Double> m = new LinkedHashMap<>();
      groups.forEach((g, l) -> m.put(g, mean(l)));
      fg.put(d, m);
    });
    Map<String, Double> styleTypes = new LinkedHashMap<>();
    STYLE_TYPES.forEach((type, list) -> {
      List<Double> per = list.stream().filter(styles::containsKey).map(styles::get).toList();
      styleTypes.put(type, mean(per));
    });
    fg.put("style_type", styleTypes);
    extra.put("fine_grained", fg);
    Map<String, Object> counts = new LinkedHashMap<>();
    dims.forEach((d, dim) -> {
      Map<String, Integer> c = new LinkedHashMap<>();
      c.put("prompts_expected", dim.expected);
      c.put("prompts_scored", dim.scores.size());
      c.put("prompts_all_black", dim.allBlack);
      if (d.equals(DIVERSITY)) {
        c.put("prompts_single_tile", dim.single);
      }
      c.put("prompts_missing", Math.max(0, dim.expected - dim.scores.size() - dim.allBlack - dim.single));
      c.put("black_tiles", dim.blackTiles);
      counts.put(d, c);
    });
    extra.put("counts", counts);
    extra.put("diversity_near_identical_prompts", nearIdentical);
    List<String> notes = new ArrayList<>();
    if (pairsIncomplete > 0) {
      notes.add(pairsIncomplete + " prompt(s) left out of diversity: a pair of tiles has no distance");
    }
    int divScored = dims.get(DIVERSITY).scores.size();
    if (divScored > 0 && nearIdentical * 2 >= divScored) {
      notes.add("diversity: " + nearIdentical + " of " + divScored + " prompts have near-identical tiles (mean"
          + " distance < " + SAME_SEED_DISTANCE + "): were the four tiles generated from one seed? (OneIG issue #6)");
    }
    dims.forEach((d, dim) -> {
      int missing = dim.expected - dim.scores.size() - dim.allBlack - dim.single;
      if (missing > 0 || dim.allBlack > 0) {
        notes.add(d + ": " + dim.scores.size() + " of " + dim.expected + " prompts scored (" + dim.allBlack
            + " all-black, " + Math.max(0, missing) + " missing; left out as the official scripts leave them out)");
      }
    });
    if (textFromPromptCsv > 0) {
      notes.add("text: imported from the official per-prompt CSV (" + textFromPromptCsv + " prompts), which holds"
          + " each prompt's ED, CR and WAC means but not its number of non-black tiles; the official Text"
          + " micro-averages over tiles (text_score.py l.95-97), so it is reproduced exactly only when every grid had"
          + " equally many non-black tiles, and is an approximation where some grids have all-black tiles"
          + " (docs/oneig.md section 4)");
    }
    Double overall = null;
    List<String> absent = DIMENSIONS.stream().filter(d -> categories.get(d) == null).toList();
    if (absent.isEmpty()) {
      overall = DIMENSIONS.stream().mapToDouble(categories::get).average().orElseThrow();
    } else {
      notes.add("overall withheld: no score for " + String.join(", ", absent) + " (" + CONVENTION + ")");
      List<Double> present = DIMENSIONS.stream().map(categories::get).filter(Objects::nonNull).toList();
      if (!present.isEmpty()) {
        extra.put(VariantSummary.PREVIEW, mean(present));
      }
    }
    return new VariantSummary(overall, promptOf.size(), images, categories, extra, failures, notes);
  }

  /** The style types of fine_grained_analysis.py l.108-112. */
  static final Map<String, List<String>> STYLE_TYPES = new LinkedHashMap<>();

  static {
    STYLE_TYPES.put("traditional", OneIgPromptLoader.STYLES.subList(0, 13));
    STYLE_TYPES.put("media", OneIgPromptLoader.STYLES.subList(13, 21));
    STYLE_TYPES.put("anime", OneIgPromptLoader.STYLES.subList(21, 29));
  }

  /**
   * fine_grained_analysis.py l.66-85 (alignment, diversity: by type NP / "T, P" and by prompt length) and l.87-105
   * (reasoning: by subject, the {@code class} column).
   */
  private static void fineGrained(Map<String, Map<String, List<Double>>> fine, String d, Prompt p, double score) {
    if (d.equals(ALIGNMENT) || d.equals(DIVERSITY)) {
      Map<String, List<Double>> g = fine.computeIfAbsent(d, k -> new TreeMap<>());
      g.computeIfAbsent(p.metadata().path("type").asText(), k -> new ArrayList<>()).add(score);
      g.computeIfAbsent(p.metadata().path("prompt_length").asText(), k -> new ArrayList<>()).add(score);
    } else if (d.equals(REASONING)) {
      fine.computeIfAbsent("reasoning_subject", k -> new TreeMap<>())
          .computeIfAbsent(p.metadata().path("class").asText(), k -> new ArrayList<>()).add(score);
    }
  }

  /** The dimensions a prompt is scored on (utils.py l.15 and the scripts' class lists; style.csv for style). */
  static List<String> dimensionsOf(Prompt p) {
    OneIgCategory c = OneIgCategory.ofFolder(p.category()).orElseThrow(() -> new IllegalArgumentException(
        "not a OneIG category: " + p.category()));
    List<String> out = new ArrayList<>();
    if (c.alignment()) {
      out.add(ALIGNMENT);
    }
    if (c == OneIgCategory.TEXT) {
      out.add(TEXT);
    }
    if (c == OneIgCategory.REASONING) {
      out.add(REASONING);
    }
    if (c == OneIgCategory.ANIME && p.metadata().hasNonNull("style")) {
      out.add(STYLE);
    }
    out.add(DIVERSITY);
    return out;
  }

  private static boolean hasDiversity(Tile t) {
    return t.v.containsKey(DIV_EMBEDDING + "0") || t.v.keySet().stream().anyMatch(k -> k.startsWith(DIV_DISTANCE));
  }

  /** A recorded distance of either tile to the other, else 1 - cos of their embeddings, else null. */
  private static Double distance(Tile a, Tile b) {
    Double d = a.v.get(DIV_DISTANCE + b.index);
    if (d == null) {
      d = b.v.get(DIV_DISTANCE + a.index);
    }
    if (d != null) {
      return d;
    }
    double[] ea = embedding(a.v);
    double[] eb = embedding(b.v);
    return ea == null || eb == null || ea.length != eb.length ? null : OneIgRules.embeddingDistance(ea, eb);
  }

  private static double[] embedding(Map<String, Double> v) {
    int n = 0;
    while (v.containsKey(DIV_EMBEDDING + n)) {
      n++;
    }
    if (n == 0) {
      return null;
    }
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      e[k] = v.get(DIV_EMBEDDING + k);
    }
    return e;
  }

  private static Double mean(List<Double> xs) {
    if (xs.isEmpty()) {
      return null;
    }
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.size();
  }

  private static final class Dim {
    int expected;
    int allBlack;
    int single;
    int blackTiles;
    final List<Double> scores = new ArrayList<>();
  }
}
