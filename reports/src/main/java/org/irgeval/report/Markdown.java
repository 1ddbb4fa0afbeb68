package org.irgeval.report;

/** Escaping for Markdown tables and text: user strings (run names, prompts, labels) are never markup. */
public final class Markdown {
  private Markdown() {}

  /** Escapes Markdown and HTML metacharacters and removes line breaks (a table cell is one line). */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> sb.append('\\').append(c);
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
