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
 *
 * <p>The word boundary is Python's: {@code re} on a str pattern calls a character a word character when
 * {@code str.isalnum()} or it is {@code _} (CPython {@code Modules/_sre/sre.c} {@code SRE_UNI_IS_WORD}). Java's
 * {@code \b}, even with {@code UNICODE_CHARACTER_CLASS}, also counts combining marks, connector punctuation and
 * ZWJ/ZWNJ as word characters and leaves out No numerics such as "\u00b2" (docs/tiif.md section 2.3), so the
 * boundary after yes/no is checked by {@link #pyWord} instead.
 */
public final class TiifReplyParser {
  /**
   * {@code re.match(r'^(yes|no)\b', line, flags=re.IGNORECASE)} up to the {@code \b}, checked by {@link #pyWord}.
   * Unicode case folding as Python's: the long s "\u017f" matches s in both, and the answer keeps it ("ye\u017f").
   */
  private static final Pattern YES_NO = Pattern.compile("^(yes|no)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

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
      if (m.lookingAt() && (m.end() == line.length() || !pyWord(line.codePointAt(m.end())))) {
        out.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * A word character of Python's {@code re} on str: {@code c.isalnum() or c == '_'}, where {@code isalnum} is
   * {@code isalpha} (general category Lu, Ll, Lt, Lm, Lo) or a numeric type (Decimal, Digit or Numeric: every
   * character with a numeric value, which {@link Character#getNumericValue} reports as other than -1). Equal to
   * Python 3.11's predicate on every code point both define (TiifReplyParserTest).
   */
  static boolean pyWord(int cp) {
    if (cp == '_') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER -> true;
      default -> Character.getNumericValue(cp) != -1;
    };
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
