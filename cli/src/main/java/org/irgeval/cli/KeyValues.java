package org.irgeval.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code KEY=VALUE} options. */
final class KeyValues {
  private KeyValues() {}

  static Map<String, String> parse(List<String> items, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    if (items == null) {
      return out;
    }
    for (String s : items) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(option + " expects KEY=VALUE, got '" + s + "'");
      }
      out.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return out;
  }

  /** {@code bench.key=value} entries grouped by bench. */
  static Map<String, Map<String, String>> byPrefix(List<String> items, String option) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    parse(items, option).forEach((k, v) -> {
      int dot = k.indexOf('.');
      if (dot <= 0) {
        throw new IllegalArgumentException(option + " expects BENCHMARK.KEY=VALUE, got '" + k + "=" + v + "'");
      }
      out.computeIfAbsent(k.substring(0, dot), x -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
    });
    return out;
  }
}
