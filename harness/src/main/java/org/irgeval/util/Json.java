package org.irgeval.util;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The project's Jackson configuration (one place, so every file is written the same way). */
public final class Json {
  private Json() {}

  /** A new mapper: snake_case record fields (docs/architecture.md, "JSON naming convention"), lenient on unknown fields, strict on duplicates, sorted map keys. */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();
  }

  /**
   * A reader of one JSON value per text (a JSON-lines line, a whole file): {@code {"a": 1} junk} or two objects on
   * one line is refused, never read as its first value. Not for streaming parsers that read several values.
   */
  public static ObjectReader strict(ObjectMapper mapper) {
    return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
