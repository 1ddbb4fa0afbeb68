package org.irgeval.scoring.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the API key out of text the tool stores or prints (judge replies, their logprob tokens, error messages)
 * without touching anything else. A plain {@code replace(key, ...)} failed both ways: a short key ({@code yes},
 * {@code 1}) rewrote the judge's answers, and a key echoed split across logprob tokens, or broken by spaces or
 * zero-width characters, went through untouched. Here
 * <ul>
 *   <li>keys shorter than {@link #MIN_KEY_LENGTH} are refused when the judge is opened (no real key is that short;
 *       such a value would match ordinary words),</li>
 *   <li>the key is found whole, and also with whitespace or zero-width characters inside it (they are skipped when
 *       matching; the whole span is replaced),</li>
 *   <li>in logprob tokens, the most likely token of each position is joined into the reply it spells; every position
 *       whose token overlaps an occurrence of the key there is replaced, as is any alternative holding the key.</li>
 * </ul>
 */
final class KeyRedactor {
  /** The shortest key accepted. */
  static final int MIN_KEY_LENGTH = 16;
  static final String MARK = "[redacted]";

  private final String key;

  /** @param key the key (null or empty: nothing to redact) */
  KeyRedactor(String key) {
    this.key = key == null ? "" : squeeze(key);
  }

  /** Characters skipped when matching the key: whitespace, zero-width and invisible format characters. */
  static boolean ignorable(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u00AD' || c == '\u180E'
        || (c >= '\u200B' && c <= '\u200F') || (c >= '\u2060' && c <= '\u2064') || c == '\uFEFF';
  }

  private static String squeeze(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!ignorable(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** The spans [start, end) of {@code s} that spell the key, ignorable characters inside included. */
  private List<int[]> spans(String s) {
    List<int[]> out = new ArrayList<>();
    if (key.isEmpty() || s == null || s.isEmpty()) {
      return out;
    }
    StringBuilder sq = new StringBuilder(s.length());
    int[] at = new int[s.length()];
    for (int i = 0; i < s.length(); i++) {
      if (!ignorable(s.charAt(i))) {
        at[sq.length()] = i;
        sq.append(s.charAt(i));
      }
    }
    for (int i = sq.indexOf(key); i >= 0; i = sq.indexOf(key, i + key.length())) {
      out.add(new int[] {at[i], at[i + key.length() - 1] + 1});
    }
    return out;
  }

  /** {@code s} with every occurrence of the key replaced by {@value #MARK}. */
  String redact(String s) {
    List<int[]> spans = spans(s);
    if (spans.isEmpty()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int from = 0;
    for (int[] sp : spans) {
      b.append(s, from, sp[0]).append(MARK);
      from = sp[1];
    }
    return b.append(s, from, s.length()).toString();
  }

  /** One position's alternatives with any that holds the key replaced (their logprob kept: the highest). */
  Map<String, Double> redactAlternatives(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.merge(redact(k), v, Math::max));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Per-position alternatives with the key taken out even when it is split across positions: the most likely token of
   * each position is joined, and every position overlapping an occurrence of the key becomes {@value #MARK}.
   */
  List<Map<String, Double>> redactTokens(List<Map<String, Double>> positions) {
    List<Map<String, Double>> out = new ArrayList<>(positions.size());
    StringBuilder joined = new StringBuilder();
    int[] start = new int[positions.size() + 1];
    for (int i = 0; i < positions.size(); i++) {
      start[i] = joined.length();
      joined.append(best(positions.get(i)));
    }
    start[positions.size()] = joined.length();
    List<int[]> spans = spans(joined.toString());
    for (int i = 0; i < positions.size(); i++) {
      Map<String, Double> m = positions.get(i);
      boolean hit = false;
      for (int[] sp : spans) {
        hit |= start[i] < sp[1] && start[i + 1] > sp[0];
      }
      if (hit) {
        double top = m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        out.add(Map.of(MARK, top));
      } else {
        out.add(redactAlternatives(m));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static String best(Map<String, Double> m) {
    String best = "";
    double top = Double.NEGATIVE_INFINITY;
    for (var e : m.entrySet()) {
      if (e.getValue() != null && e.getValue() > top) {
        top = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }
}
