package org.irgeval.store.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scorer's fingerprint: what its scores depend on (model, protocol, templates, rules...). Stored as the scorer's
 * text ({@link #text()}, unchanged, so old runs still compare equal); read by key through {@link #facts()}.
 *
 * <p>Two text forms exist and both are parsed here, the only place that reads them:
 * <ul>
 *   <li>{@code id/version key=value key=value ... flag}: a value runs to the next {@code key=} at bracket depth 0
 *       (a template may contain spaces); a bare last word is a flag ({@code plumbing} → {@code plumbing=true}); a
 *       value {@code name(k=v,k=v)} also gives the nested facts {@code key.k};</li>
 *   <li>{@code id|part|part}: each part is {@code key=value}, {@code name{inner}} (several may follow each other)
 *       or a bare word.</li>
 * </ul>
 *
 * @param id      the scorer's own name in the text (not the provider id)
 * @param version the format version after {@code /}, or ""
 * @param facts   every key with its value, in the text's order
 * @param text    the text as the scorer wrote it
 */
public record Fingerprint(String id, String version, Map<String, String> facts, String text) {
  public Fingerprint {
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** Reads a fingerprint text (any form; an unknown form gives its whole text as the id and no facts). */
  @JsonCreator
  public static Fingerprint parse(String text) {
    if (text == null) {
      return null;
    }
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> parts = split(text, '|');
    if (parts.size() > 1) {
      for (String p : parts.subList(1, parts.size())) {
        braces(p, facts);
      }
      return new Fingerprint(parts.get(0), "", facts, text);
    }
    List<String> words = split(text, ' ');
    String head = words.get(0);
    int slash = head.indexOf('/');
    String id = slash < 0 ? head : head.substring(0, slash);
    String version = slash < 0 ? "" : head.substring(slash + 1);
    String key = null;
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      int eq = w.indexOf('=');
      boolean isKey = eq > 0 && w.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_.-]*");
      if (isKey) {
        put(facts, key, value);
        key = w.substring(0, eq);
        value.setLength(0);
        value.append(w.substring(eq + 1));
      } else if (key != null && !(i == words.size() - 1 && w.matches("[a-z][a-z-]*"))) {
        value.append(' ').append(w); // a value with spaces, e.g. a template
      } else {
        put(facts, key, value);
        key = null;
        value.setLength(0);
        facts.put(w, "true");
      }
    }
    put(facts, key, value);
    return new Fingerprint(id, version, facts, text);
  }

  /** The text, as stored in manifests and hashed into summaries. */
  @JsonValue
  @Override
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  /**
   * The judge models the scores depend on: the fact {@code model}, else every distinct nested {@code *.model}
   * (a scorer with one judge per part), joined with ", ".
   */
  public Optional<String> judgeModel() {
    if (facts.containsKey("model")) {
      return Optional.of(facts.get("model"));
    }
    List<String> models = new ArrayList<>();
    facts.forEach((k, v) -> {
      if (k.endsWith(".model") && !models.contains(v)) {
        models.add(v);
      }
    });
    return models.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", models));
  }

  /** The judge protocol ({@code protocol} or {@code judge_protocol}), if the scorer records one. */
  public Optional<String> protocol() {
    return fact("protocol").or(() -> fact("judge_protocol"));
  }

  private static void put(Map<String, String> facts, String key, CharSequence value) {
    if (key == null) {
      return;
    }
    String v = value.toString();
    facts.put(key, v);
    int open = v.indexOf('(');
    if (open > 0 && v.endsWith(")")) {
      for (String kv : split(v.substring(open + 1, v.length() - 1), ',')) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          facts.put(key + "." + kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    }
  }

  /** {@code rules{a=1,b=2}detector{x}} or {@code classes=abc} or a bare word. */
  private static void braces(String part, Map<String, String> facts) {
    int i = 0;
    boolean any = false;
    while (i < part.length()) {
      int open = part.indexOf('{', i);
      if (open < 0) {
        break;
      }
      int close = matching(part, open);
      if (close < 0) {
        break;
      }
      facts.put(part.substring(i, open), part.substring(open + 1, close));
      any = true;
      i = close + 1;
    }
    if (any) {
      return;
    }
    int eq = part.indexOf('=');
    if (eq > 0) {
      facts.put(part.substring(0, eq), part.substring(eq + 1));
    } else if (!part.isEmpty()) {
      facts.put(part, "true");
    }
  }

  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Splits at {@code sep} outside brackets. */
  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
        depth--;
      } else if (c == sep && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
