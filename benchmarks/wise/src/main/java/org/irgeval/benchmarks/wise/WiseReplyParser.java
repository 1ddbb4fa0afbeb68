package org.irgeval.benchmarks.wise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official parsers of the judge's reply, ported regex for regex. Flags reproduce Python 3 {@code re} on
 * str: Unicode {@code \d \s \b} (UNICODE_CHARACTER_CLASS), Unicode case folding for IGNORECASE, and only
 * '\n' ending a line for {@code (?m)^ $} (UNIX_LINES).
 */
public final class WiseReplyParser {
  public static final Set<String> LEGACY_KEYS = Set.of("consistency", "realism", "aesthetic_quality");
  public static final List<String> LEGACY_ORDER = List.of("consistency", "realism", "aesthetic_quality");

  private static final int PY = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

  /**
   * WISE_legacy/gpt_eval.py l.57 at HEAD reads {@code [::]} (two ASCII colons, a regression of commit dd0b900);
   * the paper-time release (commit 9903c0b) had {@code [:：]} with the full-width colon U+FF1A. We accept both,
   * the behaviour the paper's numbers were produced with.
   */
  static final Pattern LEGACY =
      Pattern.compile("\\*{0,2}(Consistency|Realism|Aesthetic Quality)\\*{0,2}\\s*[:\uFF1A]?\\s*(\\d)",
          PY | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Fallback for bare three-line digit replies (gpt_eval.py l.66-73). */
  static final Pattern LEGACY_FALLBACK = Pattern.compile("(?m)^\\s*([0-2])\\s*$", PY);
  /** vllm_eval.py l.65 (same colon decision as above). */
  static final Pattern VERIFIED =
      Pattern.compile("\\*{0,2}Score\\*{0,2}\\s*[:\uFF1A]?\\s*([01])\\b",
          PY | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Fallback for a bare single digit line (vllm_eval.py l.71-73). */
  static final Pattern VERIFIED_FALLBACK = Pattern.compile("(?m)^\\s*([01])\\s*$", PY);
  /** vllm_eval.py l.199-200: think blocks and stray closing tags are removed before parsing. */
  private static final Pattern THINK_BLOCK = Pattern.compile("<think>.*?</think>\\s*", Pattern.DOTALL | PY);
  private static final Pattern STRAY_THINK_END = Pattern.compile("</think>\\s*", PY);

  private WiseReplyParser() {}

  /**
   * {@code extract_scores} of WISE_legacy/gpt_eval.py l.56-76: every match counts and the last match of a key
   * wins; if no key matched at all, three or more bare 0-2 digit lines are read as C, R, A. The result may be
   * partial (the caller retries while a key is missing, gpt_eval.py l.179-210).
   */
  public static Map<String, Double> legacy(String reply) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (reply == null) {
      return out;
    }
    Matcher m = LEGACY.matcher(reply);
    while (m.find()) {
      // Python: k.lower().replace(" ", "_"); float(v) of one (Unicode) digit.
      String key = m.group(1).toLowerCase(java.util.Locale.ROOT).replace(" ", "_");
      out.put(key, (double) Character.digit(m.group(2).codePointAt(0), 10));
    }
    if (!out.isEmpty()) {
      return out;
    }
    Matcher f = LEGACY_FALLBACK.matcher(reply);
    List<Double> nums = new java.util.ArrayList<>();
    while (f.find()) {
      nums.add((double) Character.digit(f.group(1).charAt(0), 10));
    }
    if (nums.size() >= 3) {
      out.put("consistency", nums.get(0));
      out.put("realism", nums.get(1));
      out.put("aesthetic_quality", nums.get(2));
    }
    return out;
  }

  /**
   * {@code extract_scores} of vllm_eval.py l.64-74: the first "Score: d" wins; else exactly one bare 0/1
   * line. Empty when neither applies.
   */
  public static Map<String, Double> verified(String reply) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (reply == null) {
      return out;
    }
    Matcher m = VERIFIED.matcher(reply);
    if (m.find()) {
      out.put("score", (double) Character.digit(m.group(1).charAt(0), 10));
      return out;
    }
    Matcher f = VERIFIED_FALLBACK.matcher(reply);
    List<String> nums = new java.util.ArrayList<>();
    while (f.find()) {
      nums.add(f.group(1));
    }
    if (nums.size() == 1) {
      out.put("score", (double) Character.digit(nums.get(0).charAt(0), 10));
    }
    return out;
  }

  /** vllm_eval.py l.197-201: removes think blocks, then strips (Python str.strip: Unicode whitespace). */
  public static String stripThink(String content) {
    String s = THINK_BLOCK.matcher(content == null ? "" : content).replaceAll("");
    s = STRAY_THINK_END.matcher(s).replaceAll("");
    return s.strip();
  }
}
