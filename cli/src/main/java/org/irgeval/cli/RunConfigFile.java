package org.irgeval.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a command's options in a YAML or JSON file (lm-eval and HELM users keep their setups so),
 * one key per long option without its dashes ({@code benchmarks}, {@code judge-url}, {@code bench-opt}). A value is
 * a scalar, a list (repeatable and comma-separated options) or a map ({@code KEY=VALUE} options: {@code bench-opt},
 * {@code scorer}, {@code scorer-opt}, {@code pipeline-opt}, {@code label}); {@code true} turns a flag on.
 *
 * <p>The file is turned into command-line arguments appended after the ones given, for every option the command line
 * does not name: a flag given on the command line overrides the file's whole entry. The command therefore records
 * (manifest {@code argv}) the effective command line: {@code --config FILE} and what it expanded to. A key that is
 * not an option, or a value of the wrong shape or type, is an error naming the file, line and key.
 */
final class RunConfigFile {
  /** The option that names the file. */
  static final String OPTION = "--config";
  /** Keys that only document the file (ignored). */
  private static final Set<String> COMMENT_KEYS = Set.of("description", "notes", "source");

  private RunConfigFile() {}

  /** A refused configuration file: the message names file, line and key. */
  static final class BadConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadConfigException(String message) {
      super(message);
    }
  }

  /**
   * {@code args} with the options of the {@code --config} file appended (unchanged when there is none or the
   * subcommand takes no {@code --config}).
   *
   * @param root the top command (its subcommands are looked up by the first argument)
   */
  static String[] expand(CommandLine root, String[] args) throws IOException {
    if (args.length == 0 || !root.getSubcommands().containsKey(args[0])) {
      return args;
    }
    CommandSpec spec = root.getSubcommands().get(args[0]).getCommandSpec();
    if (spec.findOption(OPTION) == null) {
      return args;
    }
    String file = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        file = args[i + 1];
      } else if (args[i].startsWith(OPTION + "=")) {
        file = args[i].substring(OPTION.length() + 1);
      }
    }
    if (file == null) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args));
    out.addAll(arguments(Path.of(file), spec, given(args, spec)));
    return out.toArray(String[]::new);
  }

  /** The long names of the options given on the command line. */
  private static Set<String> given(String[] args, CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    for (String a : args) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      OptionSpec o = a.startsWith("-") ? spec.findOption(name) : null;
      if (o != null) {
        names.add(o.longestName());
      }
    }
    return names;
  }

  /** The file's options as arguments, skipping those in {@code given}. */
  static List<String> arguments(Path file, CommandSpec spec, Set<String> given) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadConfigException(OPTION + " " + file + ": no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    JsonFactory factory = name.endsWith(".json") ? new JsonFactory() : new YAMLFactory();
    ObjectMapper mapper = new ObjectMapper(factory);
    List<String> out = new ArrayList<>();
    try (JsonParser p = factory.createParser(file.toFile())) {
      p.setCodec(mapper);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadConfigException(file + ":" + p.currentLocation().getLineNr()
            + ": expected a map of options (key: value)");
      }
      Map<String, Integer> seen = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = p.currentLocation().getLineNr();
        p.nextToken();
        JsonNode value = p.readValueAsTree();
        String where = file + ":" + line + ": key '" + key + "'";
        if (seen.put(key, line) != null) {
          throw new BadConfigException(where + ": given twice (first at line " + seen.get(key) + ")");
        }
        if (COMMENT_KEYS.contains(key)) {
          continue;
        }
        OptionSpec o = spec.findOption("--" + key);
        if (o == null || key.equals(OPTION.substring(2)) || o.usageHelp() || o.versionHelp()) {
          throw new BadConfigException(where + ": not an option of '" + spec.qualifiedName() + "' (options: "
              + String.join(", ", optionKeys(spec)) + ")");
        }
        if (given.contains(o.longestName())) {
          continue; // the command line overrides the file
        }
        out.addAll(option(o, value, where));
      }
    } catch (JsonProcessingException e) {
      throw new BadConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid "
          + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    }
    return out;
  }

  private static List<String> optionKeys(CommandSpec spec) {
    List<String> keys = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals(OPTION) && o.longestName().startsWith("--")) {
        keys.add(o.longestName().substring(2));
      }
    }
    return keys;
  }

  /** One option's arguments, its value checked against the option's type. */
  private static List<String> option(OptionSpec o, JsonNode value, String where) {
    String flag = o.longestName();
    List<String> out = new ArrayList<>();
    boolean isBoolean = o.arity().max() == 0;
    if (isBoolean) {
      if (!value.isBoolean()) {
        throw new BadConfigException(where + ": " + flag + " is a flag: write true or false, not " + value);
      }
      if (value.booleanValue()) {
        out.add(flag);
      }
      return out;
    }
    List<String> values = new ArrayList<>();
    if (value.isObject()) {
      value.fields().forEachRemaining(e -> values.add(e.getKey() + "=" + scalar(e.getValue(), where + "." + e.getKey())));
    } else if (value.isArray()) {
      value.forEach(v -> values.add(scalar(v, where)));
    } else {
      values.add(scalar(value, where));
    }
    if (!o.isMultiValue() && values.size() != 1) {
      throw new BadConfigException(where + ": " + flag + " takes one value, not " + value);
    }
    if (value.isObject() && !o.isMultiValue()) {
      throw new BadConfigException(where + ": " + flag + " takes one value, not a map");
    }
    for (String v : values) {
      checkType(o, v, where);
      out.add(flag + "=" + v);
    }
    return out;
  }

  private static String scalar(JsonNode v, String where) {
    if (v.isContainerNode() || v.isNull()) {
      throw new BadConfigException(where + ": expected a number, text or true/false, not " + v);
    }
    return v.asText();
  }

  private static void checkType(OptionSpec o, String v, String where) {
    Class<?> t = o.isMultiValue() && o.auxiliaryTypes().length > 0 ? o.auxiliaryTypes()[0] : o.type();
    try {
      if (t == int.class || t == Integer.class) {
        Integer.parseInt(v);
      } else if (t == long.class || t == Long.class) {
        Long.parseLong(v);
      } else if (t == double.class || t == Double.class) {
        Double.parseDouble(v);
      }
    } catch (NumberFormatException e) {
      throw new BadConfigException(where + ": " + o.longestName() + " takes a number, not '" + v + "'");
    }
  }
}
