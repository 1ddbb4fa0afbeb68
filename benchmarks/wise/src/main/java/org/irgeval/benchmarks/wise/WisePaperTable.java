package org.irgeval.benchmarks.wise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PaperTable.PaperRow;

/**
 * Published WISE legacy rows of the IRG paper's table (docs/irg-paper.md, "WISE table"). Missing values were not found
 * in any source and are left out, never guessed. The table mixes overall conventions: the BAGEL rows use
 * BAGEL's unweighted mean of the six categories, the rows copied from the WISE paper the official weights.
 */
final class WisePaperTable {
  private WisePaperTable() {}

  /** Columns: the legacy categories in the paper's order, then the overall. */
  static PaperTable table() {
    List<PaperTable.Column> cols = new ArrayList<>();
    WiseVersion.LEGACY.categories().forEach(c -> cols.add(new PaperTable.Column(c.header(), c.key())));
    cols.add(new PaperTable.Column("Overall", "overall"));
    return new PaperTable("WISE", cols, 1, 2, Map.of("irg", irg(cols)));
  }

  /** @param columns the paper table's columns, in whose order the values below are given */
  private static List<PaperRow> irg(List<PaperTable.Column> columns) {
    String bagelT6 = "BAGEL paper Table 6 as copied into IRG (overall = unweighted category mean, BAGEL"
        + " cal_score.py)";
    String wiseT = "WISE paper via BAGEL Table 6 (overall = official weighted WiScore)";
    return List.of(
        PaperRow.of("IRG", "IRG paper (Cultural/Time/Space not published; docs/irg-paper.md \"WISE table\")", columns,
            null, null, null, 0.81, 0.82, 0.78, 0.77),
        PaperRow.of("IRG step 1 (no reflection)", "IRG paper Table 4 as quoted in review (overall only)", columns,
            null, null, null, null, null, null, 0.79),
        PaperRow.of("BAGEL", bagelT6, columns, 0.44, 0.55, 0.68, 0.44, 0.60, 0.39, 0.52),
        PaperRow.of("BAGEL w/ self-CoT", bagelT6, columns, 0.76, 0.69, 0.75, 0.65, 0.75, 0.58, 0.70),
        PaperRow.of("FLUX.1-dev", wiseT, columns, 0.48, 0.58, 0.62, 0.42, 0.51, 0.35, 0.50),
        PaperRow.of("Janus-Pro-7B", wiseT, columns, 0.30, 0.37, 0.49, 0.36, 0.42, 0.26, 0.35),
        PaperRow.of("Show-o2", "IRG README summary (overall only; per-category row not found)", columns,
            null, null, null, null, null, null, 0.61));
  }
}
