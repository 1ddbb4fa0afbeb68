package org.irgeval.benchmarks.tiif;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects a prompt file and its questions file that are out of step. The official files are matched line by line
 * (no id field, docs/tiif.md section 1.3), so one misplaced question line shifts every line after it: the full
 * set's {@code comparison_eval_prompts.jsonl} at A113N-W3I/TIIF-Bench@3aae750 asks about the wrong prompt from line
 * 24 on (TIIF issue #10, fixed upstream in d875cd8). Scoring against shifted questions would be silently wrong.
 *
 * <p>The check: the questions of a line name the prompt's nouns ("Is there a little boy in the image?"). A line
 * is out of step when the content words of its questions overlap its own prompt clearly less than they overlap a
 * prompt a few lines away. A single odd line happens in correct files (a question worded without the prompt's
 * nouns); a shift moves many consecutive lines, so a file is refused only when {@link #MIN_SHIFTED} or more lines
 * are out of step.
 */
public final class TiifAlignmentCheck {
  /** Lines out of step before a file is called shifted (a shift moves a run of lines; one odd line does not). */
  public static final int MIN_SHIFTED = 3;
  /** How far a shift is looked for, in lines. */
  static final int WINDOW = 5;
  private static final Pattern WORD = Pattern.compile("[a-z][a-z'-]{2,}");
  private static final Set<String> STOP = Set.of("the", "and", "are", "there", "image", "this", "that", "with",
      "does", "has", "have", "any", "its", "than", "more", "less", "picture", "shown", "visible", "appear", "appears",
      "from", "into", "onto", "for", "yes", "answer", "which", "what", "who", "not", "being", "each", "other", "one",
      "two", "three", "four", "five", "some", "all", "both", "their", "them", "they", "side", "left", "right",
      "front", "behind", "above", "below", "next", "near", "top", "bottom", "between", "beside");

  private TiifAlignmentCheck() {}

  /**
   * The 0-based lines whose questions fit a nearby prompt clearly better than their own.
   *
   * @param prompts   per line, the prompt text (short and long description together)
   * @param questions per line, the questions joined
   */
  public static List<Integer> shiftedLines(List<String> prompts, List<String> questions) {
    List<Set<String>> p = prompts.stream().map(TiifAlignmentCheck::words).toList();
    List<Set<String>> q = questions.stream().map(TiifAlignmentCheck::words).toList();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < q.size() && i < p.size(); i++) {
      double own = overlap(q.get(i), p.get(i));
      double best = 0;
      for (int j = Math.max(0, i - WINDOW); j <= Math.min(p.size() - 1, i + WINDOW); j++) {
        if (j != i) {
          best = Math.max(best, overlap(q.get(i), p.get(j)));
        }
      }
      if (best > 0 && own < 0.5 * best) {
        out.add(i);
      }
    }
    return out;
  }

  /** Share of the questions' content words that occur in the prompt (0 when the questions have none). */
  static double overlap(Set<String> question, Set<String> prompt) {
    if (question.isEmpty()) {
      return 0;
    }
    int hit = 0;
    for (String w : question) {
      if (prompt.contains(w)) {
        hit++;
      }
    }
    return (double) hit / question.size();
  }

  /** Content words, lower-cased, with a trailing plural "s" removed so "cats" meets "cat". */
  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (STOP.contains(w)) {
        continue;
      }
      out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
    }
    return out;
  }
}
