package org.irgeval.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param description  one line for {@code irg-eval list} and error messages, without the default: {@link #help()}
 *                     adds it from {@code defaultValue}
 * @param type         what values are valid
 * @param choices      for {@link Type#CHOICE}: the valid values, first = default
 * @param defaultValue the value a plugin reads when the key is not given (a valid value), or null: none, the
 *                     option is then optional or required as the plugin says; for a {@link Type#CHOICE} the first
 *                     choice
 */
public record OptionSpec(String key, String keyPattern, String description, Type type, List<String> choices,
                         String defaultValue) {
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
    if (type == Type.CHOICE && defaultValue == null) {
      defaultValue = choices.get(0);
    }
    if (defaultValue != null) {
      String problem = problemOf(type, choices, defaultValue);
      if (problem != null) {
        throw new IllegalArgumentException("option " + key + ": its default " + problem);
      }
    }
  }

  /** An option with fixed values; the first is the default. */
  public static OptionSpec choice(String key, String description, String... values) {
    return new OptionSpec(key, null, description, Type.CHOICE, List.of(values), null);
  }

  /** An option without a default (see {@link #withDefault}). */
  public static OptionSpec of(String key, Type type, String description) {
    return new OptionSpec(key, null, description, type, List.of(), null);
  }

  /** A family of keys (e.g. {@code turn2}, {@code turn3}) matching {@code pattern}. */
  public static OptionSpec family(String label, String pattern, Type type, String description) {
    return new OptionSpec(label, pattern, description, type, List.of(), null);
  }

  /** This option with the default {@code value} (a number or text; it must be valid for the type). */
  public OptionSpec withDefault(Object value) {
    return new OptionSpec(key, keyPattern, description, type, choices, String.valueOf(value));
  }

  /** The description followed by the default, for {@code irg-eval list} and error messages. */
  public String help() {
    return defaultValue == null ? description : description + " (default " + defaultValue + ")";
  }

  // Typed reads of a checked option map (the harness checked every given value against this spec already).

  /** The given value, else the default (null when neither). */
  public String text(Map<String, String> options) {
    String v = options.get(key);
    return v != null ? v.trim() : defaultValue;
  }

  /** The given value only (no default): for options whose absence means something. */
  public Optional<String> given(Map<String, String> options) {
    return Optional.ofNullable(options.get(key)).map(String::trim);
  }

  /** A whole-number option: the given value, else the default. */
  public int intValue(Map<String, String> options) {
    return Integer.parseInt(required(options));
  }

  /** A whole-number option: the given value, else the default. */
  public long longValue(Map<String, String> options) {
    return Long.parseLong(required(options));
  }

  /** A decimal option: the given value, else the default. */
  public double doubleValue(Map<String, String> options) {
    return Double.parseDouble(required(options));
  }

  /** A {@code true|false} choice: the given value, else the default. */
  public boolean isTrue(Map<String, String> options) {
    return Boolean.parseBoolean(required(options));
  }

  private String required(Map<String, String> options) {
    String v = text(options);
    if (v == null) {
      throw new IllegalStateException("option " + key + " has no value and no default");
    }
    return v;
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
    return problemOf(type, choices, value);
  }

  private static String problemOf(Type type, List<String> choices, String value) {
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
