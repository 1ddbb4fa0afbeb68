package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what a report's Markdown and HTML say, as text: every table row (its cells in order), list item,
 * heading and paragraph of the Markdown must be in the HTML. Markup is taken off both sides (Markdown's escapes
 * and emphasis, HTML's tags and entities) so the comparison is of content only.
 */
final class ReportParity {
  private ReportParity() {}

  static void assertHtmlHasEverything(String markdown, String html) {
    Set<String> have = htmlUnits(html);
    List<String> missing = new ArrayList<>();
    List<String> units = markdownUnits(markdown);
    for (String u : units) {
      if (!have.contains(u)) {
        missing.add(u);
      }
    }
    assertTrue(units.size() > 10, "a report with content: " + units);
    assertTrue(missing.isEmpty(), "in report.md but not in report.html:\n" + String.join("\n", missing));
  }

  static List<String> markdownUnits(String md) {
    List<String> out = new ArrayList<>();
    for (String line : md.lines().toList()) {
      if (line.isBlank() || line.startsWith("|---") || line.matches("\\|(-+:?\\|)+")) {
        continue;
      }
      if (line.startsWith("|")) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < line.length()) {
            cur.append('\\').append(line.charAt(++i));
          } else if (c == '|') {
            cells.add(mdText(cur.toString()));
            cur.setLength(0);
          } else {
            cur.append(c);
          }
        }
        out.add(String.join(" | ", cells));
      } else if (line.startsWith("- ")) {
        out.add(mdText(line.substring(2)));
      } else if (line.startsWith("#")) {
        out.add(mdText(line.replaceFirst("^#+ ", "")));
      } else {
        out.add(mdText(line.replaceFirst("^> ", "")));
      }
    }
    return out;
  }

  private static String mdText(String s) {
    String t = s.strip().replace("**", "").replaceAll("\\\\(.)", "$1");
    return entities(t).strip();
  }

  private static final Pattern UNIT = Pattern.compile("<(tr|li|h[1-6]|p)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<(td|th)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL);

  static Set<String> htmlUnits(String html) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = UNIT.matcher(html);
    while (m.find()) {
      if (m.group(1).equals("tr")) {
        List<String> cells = new ArrayList<>();
        Matcher c = CELL.matcher(m.group(2));
        while (c.find()) {
          cells.add(htmlText(c.group(2)));
        }
        out.add(String.join(" | ", cells));
      } else {
        out.add(htmlText(m.group(2)));
      }
    }
    return out;
  }

  private static String htmlText(String s) {
    return entities(s.replaceAll("<[^>]+>", "")).strip();
  }

  private static String entities(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
