package org.irgeval.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option a plugin declares: a {@code --bench-opt}, {@code --scorer-opt} or {@code --pipeline-opt} key, what
 * it means and which values it takes. Plugins only declare; the harness checks every given key and value against
 * the declarations in one place ({@code org.irgeval.run.OptionCheck}) before a plugin sees them, so a typo is an
 * error that lists the valid keys, never a silent default.
 *
 * @param key          the key as typed after {@code --bench-opt <benchmark>.}, {@code --scorer-opt} or
 *                     {@code --pipeline-opt}; for a family of keys, a label such as {@code turnK}
 * @param keyPattern   null for a plain key; otherwise the regular expression every key of the family matches
 * @param description  one line for {@code irg-eval list} and error messages (say the default there)
 * @param type         what values are valid
 * @param choices      for {@link Type#CHOICE}: the valid values, first = default
 */
public record OptionSpec(String key, String keyPattern, String description, Type type, List<String> choices) {
  /** What values an option takes. */
  public enum Type {
    /** One of {@link #choices()}. */
    CHOICE,
    /** A whole number >= 1. */
    POSITIVE_INT,
    /** A whole number >= 0. */
    NON_NEGATIVE_INT,
    /** A finite decimal number. */
    NUMBER,
    /** A number in [0, 1]. */
    FRACTION,
    /** Any non-empty text (a path, a URL, a model name). */
    TEXT
  }

  public OptionSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == Type.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("option " + key + ": a CHOICE needs choices");
    }
  }

  /** An option with fixed values; the first is the default. */
  public static OptionSpec choice(String key, String description, String... values) {
    return new OptionSpec(key, null, description, Type.CHOICE, List.of(values));
  }

  public static OptionSpec of(String key, Type type, String description) {
    return new OptionSpec(key, null, description, type, List.of());
  }

  /** A family of keys (e.g. {@code turn2}, {@code turn3}) matching {@code pattern}. */
  public static OptionSpec family(String label, String pattern, Type type, String description) {
    return new OptionSpec(label, pattern, description, type, List.of());
  }

  /** True when {@code given} is this option's key (or one of its family). */
  public boolean matches(String given) {
    return keyPattern == null ? key.equals(given) : Pattern.matches(keyPattern, given);
  }

  /** The default of a {@link Type#CHOICE}, else null. */
  public String defaultChoice() {
    return choices.isEmpty() ? null : choices.get(0);
  }

  /** Null when {@code value} is valid, else what is wrong with it. */
  public String problem(String value) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty()) {
      return "is empty";
    }
    switch (type) {
      case CHOICE:
        return choices.contains(v) ? null : "'" + v + "' is not one of " + String.join("|", choices);
      case POSITIVE_INT:
      case NON_NEGATIVE_INT:
        try {
          long n = Long.parseLong(v);
          long min = type == Type.POSITIVE_INT ? 1 : 0;
          return n >= min ? null : "'" + v + "' is not a whole number >= " + min;
        } catch (NumberFormatException e) {
          return "'" + v + "' is not a whole number";
        }
      case NUMBER:
      case FRACTION:
        try {
          double d = Double.parseDouble(v);
          if (!Double.isFinite(d)) {
            return "'" + v + "' is not a finite number";
          }
          return type == Type.FRACTION && (d < 0 || d > 1) ? "'" + v + "' is not in [0, 1]" : null;
        } catch (NumberFormatException e) {
          return "'" + v + "' is not a number";
        }
      default:
        return null;
    }
  }

  /** {@code key (a|b)} or {@code key}, for lists of valid keys. */
  public String usage() {
    return type == Type.CHOICE ? key + " (" + String.join("|", choices) + ")" : key;
  }
}
