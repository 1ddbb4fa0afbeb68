package org.irgeval.benchmarks.geneval;

import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PaperTable.Column;
import org.irgeval.api.PaperTable.PaperRow;

/**
 * The GenEval table of the IRG paper (arXiv 2509.06945) and its published rows, as collected in
 * docs/irg-paper.md, "GenEval table". Rows whose numbers use rewritten prompts carry a dagger in the label.
 */
final class GenEvalPaperTable {
  private static final String IRG = "IRG (arXiv 2509.06945) / IRG README";
  private static final String BAGEL_PAPER = "BAGEL paper, as copied by IRG";

  private GenEvalPaperTable() {}

  static PaperTable table() {
    List<Column> columns = List.of(
        new Column("Single", "single_object"), new Column("Two", "two_object"), new Column("Counting", "counting"),
        new Column("Colors", "colors"), new Column("Position", "position"), new Column("Color Attr.", "color_attr"),
        new Column("Overall", "overall"));
    List<PaperRow> rows = List.of(
        // docs/irg-paper.md "GenEval table": only these four IRG numbers are published.
        PaperRow.of("IRG", IRG, columns, null, null, 0.83, null, 0.74, 0.73, 0.85),
        // docs/irg-paper.md "Summary table": the IRG README's own BAGEL re-runs, overall only.
        PaperRow.of("BAGEL", IRG, columns, null, null, null, null, null, null, 0.78),
        PaperRow.of("BAGEL w/ self-CoT", IRG, columns, null, null, null, null, null, null, 0.79),
        PaperRow.of("BAGEL (BAGEL paper)", BAGEL_PAPER, columns, 0.99, 0.94, 0.81, 0.88, 0.64, 0.63, 0.82),
        PaperRow.of("BAGEL\u2020 rewriter", BAGEL_PAPER, columns, 0.98, 0.95, 0.84, 0.95, 0.78, 0.77, 0.88),
        PaperRow.of("Janus-Pro-7B", BAGEL_PAPER, columns, 0.99, 0.89, 0.59, 0.90, 0.79, 0.66, 0.80),
        PaperRow.of("Show-o2", BAGEL_PAPER, columns, 1.00, 0.87, 0.58, 0.92, 0.52, 0.62, 0.76),
        PaperRow.of("FLUX.1-dev\u2020", BAGEL_PAPER, columns, 0.98, 0.93, 0.75, 0.93, 0.68, 0.65, 0.82),
        PaperRow.of("GPT-4o", BAGEL_PAPER, columns, 0.99, 0.92, 0.85, 0.92, 0.75, 0.61, 0.84));
    return new PaperTable("GenEval", columns, 1.0, 2, Map.of("irg", rows));
  }
}
