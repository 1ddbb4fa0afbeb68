package org.irgeval.benchmarks.genaibench;

import java.util.List;
import java.util.Map;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PaperTable.Column;
import org.irgeval.api.PaperTable.PaperRow;

/**
 * GenAI-Bench as papers print it: Basic, Advanced, Overall, then the ten skills (0-1 scale, 2 decimals;
 * evaluate.py l.80-82 prints {@code :.2f}).
 *
 * <p>Rows: the IRG README "Performance" table (overall only, docs/irg-paper.md "Summary table": the IRG paper
 * publishes no basic/advanced split), and the official VQAScore reference numbers of
 * linzhiqiu/t2v_metrics@6ecb74f genai_bench/model_performance_vqacore.md (l.1-31 CLIP-FlanT5-XXL, l.36-67 GPT-4o),
 * all on GenAI-Bench-1600. Their Avg columns are the basic/advanced tag means, which is why DALL-E 3's overall 0.78
 * is not mean(0.90, 0.69).
 */
final class GenAiBenchPaperTable {
  private GenAiBenchPaperTable() {}

  static final List<Column> COLUMNS = List.of(
      new Column("Basic", "basic"), new Column("Advanced", "advanced"), new Column("Overall", "overall"),
      new Column("Attribute", "attribute"), new Column("Scene", "scene"), new Column("Spatial", "spatial relation"),
      new Column("Action", "action relation"), new Column("Part", "part relation"), new Column("Count", "counting"),
      new Column("Differ", "differentiation"), new Column("Compare", "comparison"), new Column("Negate", "negation"),
      new Column("Universal", "universal"));

  static PaperTable table() {
    return new PaperTable("GenAI-Bench", COLUMNS, 1, 2, Map.of(
        "irg", irg(),
        "t2v_metrics-clip-flant5-xxl", clipFlanT5(),
        "t2v_metrics-gpt-4o", gpt4o()));
  }

  private static List<PaperRow> irg() {
    String src = "IRG README \"Performance\" (docs/irg-paper.md, \"Summary table\"); overall only, scorer and prompt"
        + " release not stated";
    return List.of(
        overallOnly("IRG", src, 0.84),
        overallOnly("BAGEL w/ self-CoT", src + "; IRG's own re-run", 0.81),
        overallOnly("BAGEL", src + "; IRG's own re-run", 0.79),
        overallOnly("FLUX.1-dev", src, 0.76),
        overallOnly("Janus-Pro-7B", src, 0.75),
        overallOnly("Show-o2", src, 0.75));
  }

  private static PaperRow overallOnly(String label, String source, double overall) {
    return PaperRow.of(label, source, COLUMNS, null, null, overall, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** model_performance_vqacore.md l.3-31 (CLIP-FlanT5-XXL VQAScore, GenAI-Bench-1600). */
  private static List<PaperRow> clipFlanT5() {
    String s = "linzhiqiu/t2v_metrics@6ecb74f genai_bench/model_performance_vqacore.md l.3-31 (clip-flant5-xxl)";
    return List.of(
        row("SD v2.1", s, 0.75, 0.60, 0.67, 0.75, 0.79, 0.73, 0.73, 0.71, 0.66, 0.64, 0.65, 0.51, 0.63),
        row("SD-XL Turbo", s, 0.80, 0.63, 0.71, 0.81, 0.82, 0.78, 0.79, 0.78, 0.71, 0.68, 0.69, 0.52, 0.66),
        row("SD-XL", s, 0.82, 0.63, 0.72, 0.82, 0.85, 0.80, 0.80, 0.81, 0.72, 0.70, 0.69, 0.50, 0.67),
        row("DeepFloyd-IF", s, 0.82, 0.63, 0.71, 0.82, 0.83, 0.80, 0.81, 0.81, 0.70, 0.70, 0.71, 0.50, 0.65),
        row("Midjourney v6", s, 0.86, 0.68, 0.76, 0.86, 0.88, 0.86, 0.87, 0.85, 0.77, 0.77, 0.76, 0.50, 0.73),
        row("DALL-E 3", s, 0.90, 0.69, 0.78, 0.91, 0.91, 0.90, 0.90, 0.91, 0.80, 0.80, 0.77, 0.49, 0.75));
  }

  /** model_performance_vqacore.md l.36-67 (GPT-4o VQAScore, GenAI-Bench-1600). */
  private static List<PaperRow> gpt4o() {
    String s = "linzhiqiu/t2v_metrics@6ecb74f genai_bench/model_performance_vqacore.md l.36-67 (gpt-4o)";
    return List.of(
        row("SD v2.1", s, 0.57, 0.33, 0.44, 0.56, 0.67, 0.54, 0.58, 0.43, 0.29, 0.20, 0.30, 0.31, 0.41),
        row("SD-XL Turbo", s, 0.72, 0.42, 0.56, 0.72, 0.76, 0.70, 0.75, 0.63, 0.41, 0.30, 0.41, 0.35, 0.49),
        row("SD-XL", s, 0.65, 0.34, 0.48, 0.65, 0.73, 0.60, 0.65, 0.57, 0.32, 0.25, 0.28, 0.29, 0.45),
        row("DeepFloyd-IF", s, 0.72, 0.41, 0.55, 0.71, 0.77, 0.69, 0.74, 0.64, 0.39, 0.34, 0.42, 0.30, 0.48),
        row("Midjourney v6", s, 0.76, 0.48, 0.61, 0.76, 0.81, 0.75, 0.80, 0.71, 0.50, 0.46, 0.53, 0.29, 0.57),
        row("DALL-E 3", s, 0.89, 0.52, 0.68, 0.90, 0.92, 0.87, 0.90, 0.86, 0.59, 0.56, 0.57, 0.26, 0.67));
  }

  private static PaperRow row(String label, String source, Double... values) {
    return PaperRow.of(label, source, COLUMNS, values);
  }
}
