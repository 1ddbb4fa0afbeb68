package org.irgeval.benchmarks.oneig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.data.DataFiles;

/**
 * The CSV files of OneIG-Bench as pandas writes and reads them ({@code pd.read_csv(..., dtype=str)}): RFC 4180
 * quoting ({@code ""} inside a quoted field), fields that may span lines, a header row naming the columns (the
 * first may be empty: the unnamed index pandas {@code to_csv} writes). Each row keeps the 1-based line it starts on,
 * so errors name file, line and field.
 */
final class OneIgCsv {
  /** One data row: its first line in the file and its fields by column name. */
  record Row(long line, Map<String, String> fields) {
    String get(String column) {
      return fields.get(column);
    }
  }

  private final String shown;
  private final List<String> header;
  private final List<Row> rows;

  private OneIgCsv(String shown, List<String> header, List<Row> rows) {
    this.shown = shown;
    this.header = header;
    this.rows = rows;
  }

  String shown() {
    return shown;
  }

  List<String> header() {
    return header;
  }

  List<Row> rows() {
    return rows;
  }

  /**
   * Reads {@code file}.
   *
   * @param shown    the name used in errors
   * @param required columns that must be in the header
   */
  static OneIgCsv read(Path file, String shown, String obtainFrom, String... required)
      throws DataException, IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataException(shown, 0, null, "missing", obtainFrom);
    }
    return parse(DataFiles.readString(file, shown), shown, obtainFrom, required);
  }

  static OneIgCsv parse(String text, String shown, String obtainFrom, String... required) throws DataException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    long line = 1;
    long start = 1;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        cur.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          cur.add(field.toString());
          records.add(cur);
          lines.add(start);
        }
        cur = new ArrayList<>();
        field.setLength(0);
        any = false;
        line++;
        start = line;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new DataException(shown, start, null, "a quoted field is never closed", obtainFrom);
    }
    if (any || field.length() > 0) {
      cur.add(field.toString());
      records.add(cur);
      lines.add(start);
    }
    if (records.isEmpty()) {
      throw new DataException(shown, 0, null, "empty file (no header row)", obtainFrom);
    }
    List<String> header = records.get(0);
    for (String r : required) {
      if (!header.contains(r)) {
        throw new DataException(shown, lines.get(0), r, "column missing from the header " + header, obtainFrom);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 1; k < records.size(); k++) {
      List<String> rec = records.get(k);
      if (rec.size() != header.size()) {
        throw new DataException(shown, lines.get(k), null, rec.size() + " fields where the header has "
            + header.size(), obtainFrom);
      }
      Map<String, String> m = new HashMap<>();
      for (int j = 0; j < header.size(); j++) {
        m.put(header.get(j), rec.get(j));
      }
      rows.add(new Row(lines.get(k), m));
    }
    return new OneIgCsv(shown, List.copyOf(header), List.copyOf(rows));
  }
}
