package org.irgeval.report;

import java.util.List;

/**
 * One piece of a report's content, rendered alike as Markdown ({@link ReportMarkdown}) and HTML
 * ({@link ReportHtml}): whatever one shows, the other shows. Texts are plain (never markup); each renderer
 * escapes them.
 */
public sealed interface ReportBlock {
  /** A heading; level 1 is the page title. */
  record Heading(int level, String text) implements ReportBlock {}

  /** A paragraph; {@code strong} for warnings (a plumbing check). */
  record Paragraph(String text, boolean strong) implements ReportBlock {}

  /** A bulleted list of notes (caveats of the official rules, withheld overalls, benchmarks not scored). */
  record Notes(List<String> items) implements ReportBlock {
    public Notes {
      items = List.copyOf(items);
    }
  }

  /**
   * A table.
   *
   * @param kind    what it holds ("scores", "cmp"), a class for the HTML
   * @param columns its columns
   * @param rows    its rows, each with one cell per column
   */
  record Table(String kind, List<Column> columns, List<Row> rows) implements ReportBlock {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /** A column: its header, and whether it holds numbers (right-aligned). */
  record Column(String header, boolean numeric) {}

  /**
   * A table row.
   *
   * @param kind  "" for our rows, "paper" for published rows, "delta" for reproduction rows, "differs" for a row
   *              whose settings differ from the first row's
   * @param cells its cells
   */
  record Row(String kind, List<Cell> cells) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  /**
   * A cell's text.
   *
   * @param strong emphasise it (a differing setting, a failed check)
   * @param number a value we formatted (digits, signs, brackets of a CI): Markdown shows it unescaped
   */
  record Cell(String text, boolean strong, boolean number) {
    public static Cell of(String text) {
      return new Cell(text == null ? "" : text, false, false);
    }

    public static Cell num(String formatted) {
      return new Cell(formatted, false, true);
    }

    public static Cell strong(String text) {
      return new Cell(text, true, false);
    }
  }
}
