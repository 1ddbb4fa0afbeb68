package org.irgeval.benchmarks.tiif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code extract_yes_no} of A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py} l.164-175: the reply is
 * stripped and split on "\n"; every stripped non-empty line that starts with yes or no (any case) followed by a
 * word boundary is one answer, in order; other lines are ignored. So "Yes, there is..." counts, "**Yes**" and
 * "1. yes" do not, and chatter that starts with yes/no shifts every later answer, exactly as officially.
 */
public final class TiifReplyParser {
  /** {@code re.match(r'^(yes|no)\b', line, flags=re.IGNORECASE)}; Unicode classes make {@code \b} Python's. */
  private static final Pattern YES_NO = Pattern.compile("^(yes|no)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  private TiifReplyParser() {}

  /** The answers in reply order, lower-cased ("yes"/"no"). */
  public static List<String> answers(String reply) {
    List<String> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    for (String raw : pyStrip(reply).split("\n", -1)) {
      String line = pyStrip(raw);
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = YES_NO.matcher(line);
      if (m.lookingAt()) {
        out.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** Python's {@code str.strip()}: removes what {@code str.isspace} calls whitespace, which Java's strip() does not all. */
  static String pyStrip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && pySpace(s.charAt(a))) {
      a++;
    }
    while (b > a && pySpace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  /** {@code str.isspace()} of one character (Unicode White_Space plus the ASCII separators 0x1c-0x1f). */
  static boolean pySpace(char c) {
    return Character.isWhitespace(c) || Character.getType(c) == Character.SPACE_SEPARATOR || c == '\u0085'
        || c == '\u00a0' || c == '\u2007' || c == '\u202f';
  }
}
