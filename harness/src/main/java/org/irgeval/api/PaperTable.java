package org.irgeval.api;

import java.util.List;
import java.util.Map;

/**
 * The columns of a benchmark's table in the paper, and the paper's published rows.
 *
 * @param title   the benchmark's name as the paper prints it
 * @param columns columns in paper order
 * @param scale   multiply our 0..1 values by this to print on the paper's scale (1 or 100)
 * @param digits  decimals the paper prints
 * @param rows    published rows by source ("irg" -> rows), for {@code report --paper}
 */
public record PaperTable(String title, List<Column> columns, double scale, int digits,
                         Map<String, List<PaperRow>> rows) {
  /**
   * @param header what the paper prints
   * @param key    a category name of {@link VariantSummary#categories()}, or "overall"
   */
  public record Column(String header, String key) {}

  /** A published row: label and values by column key (missing = not published). */
  public record PaperRow(String label, Map<String, Double> values, String source) {
    /**
     * A row from values in the order of {@code columns}; a null value was not published and is left out.
     */
    public static PaperRow of(String label, String source, List<Column> columns, Double... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(label + ": " + values.length + " values for " + columns.size() + " columns");
      }
      Map<String, Double> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          m.put(columns.get(i).key(), values[i]);
        }
      }
      return new PaperRow(label, java.util.Collections.unmodifiableMap(m), source);
    }
  }
}
