package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The per-tile rules of the official OneIG scripts (OneIG-Bench/OneIG-Benchmark@41b4983), ported one function per
 * rule. Pure functions; the aggregation ({@link OneIgAggregator}) combines their results as the scripts do.
 */
final class OneIgRules {
  /** text_score.py l.26 (EN): {@code MAX_EDIT_DISTANCE = 100} (ZH would be 50, l.29). */
  static final double MAX_EDIT_DISTANCE_EN = 100;
  /** text_utils.py l.19: {@code keywords_list = ["addCriterion", "No text recognized."]}. */
  static final List<String> HALLUCINATION_KEYWORDS = List.of("addCriterion", "No text recognized.");
  /** The French letters text_utils.py l.6 and l.8 keep beside {@code a-zA-Z0-9}. */
  private static final String FRENCH = "àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ";

  private OneIgRules() {}

  // ---- alignment ---------------------------------------------------------------------------------------------

  /**
   * One tile's alignment (alignment_score.py l.30-58): a question scores 1 only when the answer is exactly
   * {@code "Yes"} (l.33, {@code float(ans == "Yes")}); a question with a parent (id != 0) whose <em>raw</em> score is
   * 0 is set to 0 (l.35-51: the parents are read from {@code score}, not from {@code filter_score}, so the filter is
   * not transitive; a parent that is no question is skipped, l.48-49); tile = sum of filtered scores / number of
   * questions (l.53-58).
   *
   * @param questions  the prompt's questions, ids "1".."N"
   * @param dependency question id -> parent ids
   * @param answers    question id -> the raw VLM answer
   * @throws IllegalArgumentException when an answer is missing
   */
  static double alignmentTile(JsonNode questions, JsonNode dependency, Map<String, String> answers) {
    Map<String, Double> score = new HashMap<>();
    for (Iterator<String> it = questions.fieldNames(); it.hasNext(); ) {
      String q = it.next();
      String a = answers.get(q);
      if (a == null) {
        throw new IllegalArgumentException("no answer to question " + q);
      }
      score.put(q, a.equals("Yes") ? 1.0 : 0.0);
    }
    Map<String, Double> filtered = new HashMap<>(score);
    for (Iterator<Map.Entry<String, JsonNode>> it = dependency.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode p : e.getValue()) {
        int parent = p.asInt();
        if (parent == 0) {
          continue;
        }
        Double ps = score.get(Integer.toString(parent));
        if (ps != null && ps == 0) {
          filtered.put(e.getKey(), 0.0);
          break;
        }
      }
    }
    double sum = 0;
    for (Iterator<String> it = questions.fieldNames(); it.hasNext(); ) {
      sum += filtered.get(it.next());
    }
    return sum / questions.size();
  }

  // ---- text --------------------------------------------------------------------------------------------------

  /** One tile's text measures (text_score.py l.69-91). */
  record TextTile(double ed, double cr, double matched, double gtWords, double wac) {}

  /**
   * text_score.py l.69-91 for one tile: the OCR output with the hallucination keywords removed, both strings
   * preprocessed, ED = Levenshtein distance, CR = 1 when ED is 0, matched/GT words and their ratio.
   *
   * @param gtLiteral the {@code text_content} field as it is (a Python list literal), preprocessed here (l.57)
   */
  static TextTile textTile(String gtLiteral, String ocr) {
    String gt = preprocess(gtLiteral);
    String o = preprocess(removeHallucinations(ocr));
    double ed = levenshtein(o, gt);
    double[] m = matchCount(gt, o);
    return new TextTile(ed, ed == 0 ? 1 : 0, m[0], m[2], m[1]);
  }

  /** text_score.py l.102: {@code 1 - min(MAX_ED, ED) * (1 - CR) * (1 - WAC) / MAX_ED}. */
  static double textScore(double ed, double cr, double wac, double maxEd) {
    return 1 - Math.min(maxEd, ed) * (1 - cr) * (1 - wac) / maxEd;
  }

  /**
   * text_utils.py l.17-23: per keyword, {@code text.replace(kw, "").replace("\n" + kw, "").replace(kw + "\n", "")}
   * (the first replace already removes every occurrence).
   */
  static String removeHallucinations(String text) {
    for (String kw : HALLUCINATION_KEYWORDS) {
      text = text.replace(kw, "").replace("\n" + kw, "").replace(kw + "\n", "");
    }
    return text;
  }

  /**
   * text_utils.py l.5-15 {@code preprocess_string}: drop every character but {@code [\u4e00-\u9fa5a-zA-Z0-9\s]} and the
   * French letters; if a CJK character ({@code [\u4e00-\u9fff]}) remains, keep only the kept non-space characters of
   * the input (no spaces at all); otherwise collapse whitespace runs to one space and strip. Case-sensitive. Python's
   * {@code \s} and {@code strip()} are {@link #pySpace}.
   */
  static String preprocess(String s) {
    StringBuilder cleaned = new StringBuilder();
    boolean cjk = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (keptNonSpace(cp) || pySpace(cp)) {
        cleaned.appendCodePoint(cp);
        cjk |= cp >= 0x4e00 && cp <= 0x9fff;
      }
    }
    if (cjk) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (keptNonSpace(cp)) {
          out.appendCodePoint(cp);
        }
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder();
    boolean inSpace = false;
    for (int i = 0; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if (pySpace(c)) {
        inSpace = true;
      } else {
        if (inSpace && out.length() > 0) {
          out.append(' ');
        }
        inSpace = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean keptNonSpace(int cp) {
    return (cp >= 0x4e00 && cp <= 0x9fa5) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9') || (cp < 0x10000 && FRENCH.indexOf(cp) >= 0);
  }

  /** Python's {@code str.isspace()} (what {@code \s}, {@code split()} and {@code strip()} use on str). */
  static boolean pySpace(int c) {
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
  }

  /** Python's {@code str.split()}: runs of whitespace separate, no empty words. */
  static List<String> pySplit(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (pySpace(c)) {
        if (w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }

  /** text_utils.py l.25-44: the Levenshtein distance (unit costs) over characters. */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * text_utils.py l.50-64 {@code calculate_char_match_ratio}: with CJK in the GT, the multiset intersection of
   * characters; otherwise of whitespace-split words. Returns {matched, matched / GT count (0 when none), GT count}.
   */
  static double[] matchCount(String gt, String ocr) {
    boolean cjk = gt.codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff);
    List<String> g;
    List<String> o;
    if (cjk) {
      g = chars(gt);
      o = chars(ocr);
    } else {
      g = pySplit(gt);
      o = pySplit(ocr);
    }
    Map<String, Integer> oc = new HashMap<>();
    o.forEach(w -> oc.merge(w, 1, Integer::sum));
    Map<String, Integer> gc = new HashMap<>();
    g.forEach(w -> gc.merge(w, 1, Integer::sum));
    int matched = 0;
    for (Map.Entry<String, Integer> e : gc.entrySet()) {
      matched += Math.min(e.getValue(), oc.getOrDefault(e.getKey(), 0));
    }
    return new double[] {matched, g.isEmpty() ? 0.0 : (double) matched / g.size(), g.size()};
  }

  private static List<String> chars(String s) {
    List<String> out = new ArrayList<>();
    s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
    return out;
  }

  /**
   * text_score.py l.51-55: 256 new tokens when the raw GT literal has more than 60 whitespace-separated words,
   * else 128.
   */
  static int ocrMaxTokens(String gtLiteral) {
    return pySplit(gtLiteral).size() > 60 ? 256 : 128;
  }

  // ---- style, reasoning, diversity --------------------------------------------------------------------------

  /**
   * style_score.py l.80-83: {@code (max(max_j CSD.ref_j, 0) + max(max_j SE.ref_j, 0)) / 2}, the dot products taken
   * with the references as stored (the SE references are not unit-norm and are not normalised).
   */
  static double styleTile(double[] csdDots, double[] seDots) {
    return (Math.max(max(csdDots), 0) + Math.max(max(seDots), 0)) / 2;
  }

  static double max(double[] xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("no dot products");
    }
    double m = Double.NEGATIVE_INFINITY;
    for (double x : xs) {
      m = Math.max(m, x);
    }
    return m;
  }

  static double dot(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The cosine of two vectors (reasoning_score via inference.py l.198-202: both L2-normalised, then the dot). */
  static double cosine(double[] a, double[] b) {
    double na = Math.sqrt(dot(a, a));
    double nb = Math.sqrt(dot(b, b));
    return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
  }

  /** DreamSim's distance of two embeddings: {@code 1 - cos} (dreamsim model.forward). */
  static double embeddingDistance(double[] a, double[] b) {
    return 1 - cosine(a, b);
  }
}
