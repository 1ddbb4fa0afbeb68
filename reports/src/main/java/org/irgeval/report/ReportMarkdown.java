package org.irgeval.report;

import org.irgeval.report.ReportBlock.Cell;

/**
 * A report as Markdown, for one run ({@code RUN/report.md}) or many ({@code irg-eval report}): the
 * {@link ReportContent}, every text escaped by {@link Markdown#escape}.
 */
public final class ReportMarkdown {
  public String render(ReportModel m) {
    return render(ReportContent.of(m));
  }

  public String render(ReportContent content) {
    StringBuilder md = new StringBuilder();
    content.header().forEach(b -> block(md, b));
    content.sections().forEach(s -> s.blocks().forEach(b -> block(md, b)));
    return md.toString();
  }

  static void block(StringBuilder md, ReportBlock b) {
    if (b instanceof ReportBlock.Heading h) {
      md.append("#".repeat(h.level())).append(' ').append(Markdown.escape(h.text())).append("\n\n");
    } else if (b instanceof ReportBlock.Paragraph p) {
      md.append(p.strong() ? "> **" + Markdown.escape(p.text()) + "**" : Markdown.escape(p.text())).append("\n\n");
    } else if (b instanceof ReportBlock.Notes n) {
      n.items().forEach(i -> md.append("- ").append(Markdown.escape(i)).append('\n'));
      md.append('\n');
    } else if (b instanceof ReportBlock.Table t) {
      table(md, t);
    }
  }

  private static void table(StringBuilder md, ReportBlock.Table t) {
    md.append('|');
    t.columns().forEach(c -> md.append(' ').append(Markdown.escape(c.header())).append(" |"));
    md.append("\n|");
    t.columns().forEach(c -> md.append(c.numeric() ? "---:|" : "---|"));
    md.append('\n');
    for (ReportBlock.Row r : t.rows()) {
      md.append('|');
      for (Cell c : r.cells()) {
        md.append(' ').append(cell(c)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String cell(Cell c) {
    String text = c.number() ? c.text() : Markdown.escape(c.text());
    return c.strong() && !c.text().isEmpty() ? "**" + text + "**" : text;
  }
}
