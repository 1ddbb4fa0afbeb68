package org.irgeval.benchmarks.oneig;

import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PaperTable.Column;
import org.irgeval.api.PaperTable.PaperRow;

/**
 * The OneIG-EN column of the IRG table (Osilly/Interleaving-Reasoning-Generation@3eee315 README.md l.12-19, one
 * number per model: the mean of the five dimensions) with the five dimensions where a source publishes them: the
 * OneIG leaderboard rows as the Ovis-Image README reproduces them (docs/irg-paper.md; their means equal the IRG
 * README's overalls, e.g. BAGEL (0.769 + 0.244 + 0.173 + 0.367 + 0.251) / 5 = 0.361). IRG's own dimensions are not
 * published.
 */
final class OneIgPaperTable {
  private OneIgPaperTable() {}

  static PaperTable table() {
    List<Column> cols = List.of(new Column("Alignment", OneIgAggregator.ALIGNMENT),
        new Column("Text", OneIgAggregator.TEXT), new Column("Reasoning", OneIgAggregator.REASONING),
        new Column("Style", OneIgAggregator.STYLE), new Column("Diversity", OneIgAggregator.DIVERSITY),
        new Column("Overall", "overall"));
    String irg = "IRG README l.12-19 (OneIG-EN overall)";
    String both = irg + "; dimensions: OneIG leaderboard via the Ovis-Image README";
    List<PaperRow> rows = List.of(
        PaperRow.of("IRG", irg, cols, null, null, null, null, null, 0.415),
        PaperRow.of("BAGEL", both, cols, 0.769, 0.244, 0.173, 0.367, 0.251, 0.361),
        PaperRow.of("BAGEL w/ self-CoT", both, cols, 0.793, 0.020, 0.206, 0.390, 0.209, 0.324),
        PaperRow.of("FLUX.1-dev", both, cols, 0.786, 0.523, 0.253, 0.368, 0.238, 0.434),
        PaperRow.of("Janus-Pro-7B", both, cols, 0.553, 0.001, 0.139, 0.276, 0.365, 0.267),
        PaperRow.of("Show-o2", both, cols, 0.817, 0.002, 0.226, 0.317, 0.177, 0.308),
        PaperRow.of("GPT-4o", "IRG paper (quoted; docs/irg-paper.md); dimensions: OneIG leaderboard via the"
            + " Ovis-Image README", cols, 0.851, 0.857, 0.345, 0.462, 0.151, 0.533));
    return new PaperTable("OneIG-Bench (EN)", cols, 1, 3, Map.of("irg", rows));
  }
}
