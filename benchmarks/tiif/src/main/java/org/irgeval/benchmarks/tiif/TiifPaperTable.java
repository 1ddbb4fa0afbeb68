package org.irgeval.benchmarks.tiif;

import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PaperTable.Column;
import org.irgeval.api.PaperTable.PaperRow;

/**
 * The TIIF columns of the IRG table (Osilly/Interleaving-Reasoning-Generation@3eee315 README.md l.12-19, header
 * "TIIF-short/long (Qwen)"): testmini, short and long overall reported apart, judged by a Qwen VLM whose checkpoint
 * the IRG repository does not state. The Janus-Pro-7B row equals TIIF's own released testmini results with the
 * QwenVL (Qwen2.5-VL-72B-Instruct) judge (65.3833 / 61.1012 by the official formulas; docs/tiif.md section 6), so
 * compare only runs judged the same way: a GPT-4o-judged run gives other numbers (Janus-Pro 66.67 / 65.19).
 */
final class TiifPaperTable {
  private TiifPaperTable() {}

  static PaperTable table() {
    List<Column> cols = List.of(new Column("TIIF short", "short/overall"), new Column("TIIF long", "long/overall"));
    String src = "IRG README l.12-19 (testmini, judge Qwen, checkpoint not stated)";
    List<PaperRow> rows = List.of(
        PaperRow.of("IRG", src, cols, 76.00, 73.77),
        PaperRow.of("BAGEL", src, cols, 70.97, 71.79),
        PaperRow.of("BAGEL w/ self-CoT", src, cols, 68.06, 68.78),
        PaperRow.of("Janus-Pro-7B", src + "; = TIIF's QwenVL-judged testmini results", cols, 65.38, 61.10),
        PaperRow.of("FLUX.1-dev", src, cols, 66.24, 66.72),
        PaperRow.of("Show-o2", src, cols, 62.80, 63.87));
    // Categories are already on the paper's 0-100 scale.
    return new PaperTable("TIIF-Bench", cols, 1, 2, Map.of("irg", rows));
  }
}
