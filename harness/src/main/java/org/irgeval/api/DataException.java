package org.irgeval.api;

/**
 * A missing or malformed official data file. The message always names the file, and the line and the field
 * where known, and says where the official file can be obtained.
 */
public class DataException extends Exception {
  private final String file;
  private final long line;
  private final String field;

  public DataException(String file, long line, String field, String problem, String obtainFrom) {
    super(format(file, line, field, problem, obtainFrom));
    this.file = file;
    this.line = line;
    this.field = field;
  }

  private static String format(String file, long line, String field, String problem, String obtainFrom) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (field != null) {
      sb.append(" field '").append(visible(field)).append('\'');
    }
    sb.append(": ").append(visible(problem));
    if (obtainFrom != null) {
      sb.append(" (official file: ").append(obtainFrom).append(')');
    }
    return sb.toString();
  }

  /**
   * The text with a byte-order mark shown as such: quoted in a message it is invisible, and a header that starts with
   * one ("\uFEFFprompt_idx") looks exactly like the column it fails to be.
   */
  static String visible(String s) {
    return s == null ? null : s.replace("\uFEFF", "<BOM U+FEFF>");
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when the problem is not on one line. */
  public long line() {
    return line;
  }

  public String field() {
    return field;
  }
}
