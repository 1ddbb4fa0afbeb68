package org.irgeval.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help whose option descriptions wrap at spaces only. picocli wraps with the JDK's line break iterator, which breaks
 * after ':' or '.' before a '/', so a URL in a description came out as {@code https: //api.openai.com/v1} and
 * {@code ./data} as {@code . /data}: copied from the terminal, neither works.
 */
final class UrlKeepingHelp extends Help {
  UrlKeepingHelp(CommandSpec spec, ColorScheme scheme) {
    super(spec, scheme);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
      ColorScheme scheme) {
    Layout layout = super.createDefaultLayout(options, positionals, scheme);
    TextTable table = new SpaceWrappingTable(scheme, layout.textTable());
    return new Layout(scheme, table, layout.optionRenderer(), layout.parameterRenderer());
  }

  /** A text table that breaks a cell's text only at spaces (a word longer than the column is left whole). */
  static final class SpaceWrappingTable extends TextTable {
    private final ColorScheme scheme;

    SpaceWrappingTable(ColorScheme scheme, TextTable like) {
      super(scheme, like.columns());
      this.scheme = scheme;
      this.indentWrappedLines = like.indentWrappedLines;
    }

    @Override
    public Cell putValue(int row, int col, Ansi.Text value) {
      String plain = value.plainString();
      Column c = columns()[col];
      int first = c.width - c.indent;
      if (plain.length() <= first || plain.indexOf('\n') >= 0 || c.overflow != Column.Overflow.WRAP) {
        return super.putValue(row, col, value);
      }
      List<String> lines = wrap(plain, first, first - indentWrappedLines);
      Cell cell = super.putValue(row, col, scheme.text(lines.get(0)));
      for (int i = 1; i < lines.size(); i++) {
        addEmptyRow();
        cell = super.putValue(rowCount() - 1, col, scheme.text(" ".repeat(indentWrappedLines) + lines.get(i)));
      }
      return cell;
    }

    /** Greedy wrapping at spaces: the first line up to {@code firstWidth} characters, the others up to {@code width}. */
    static List<String> wrap(String text, int firstWidth, int width) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.trim().split(" +")) {
        int limit = lines.isEmpty() ? firstWidth : width;
        if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
      return lines;
    }
  }
}
