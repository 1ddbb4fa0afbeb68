package org.irgeval.store.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.irgeval.util.Json;

/**
 * The one mapping between the run records of this package and their JSON ({@code manifest.json},
 * {@code summary.json}). It is {@link Json#mapper()} except that maps keep their order: a manifest's data files
 * and a summary's categories are listed in the order the run met them (the official order for categories), as the
 * files written before these records did. Where a part was written sorted (settings, options), the record's
 * writer hands over a sorted map.
 */
public final class RecordJson {
  private static final ObjectMapper MAPPER = Json.mapper().copy()
      .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RecordJson() {}

  /** The record as a JSON tree (what the file holds). */
  public static ObjectNode tree(Object record) {
    return MAPPER.valueToTree(record);
  }

  /** The file's bytes: pretty-printed, as every run-directory JSON file. */
  public static byte[] bytes(Object record) throws IOException {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree(record));
  }

  static <T> T read(JsonNode node, Class<T> type) throws IOException {
    return MAPPER.treeToValue(node, type);
  }

  /** A value of a record's open part (settings, statistics) as its tree, with maps sorted by key. */
  public static JsonNode sortedTree(Object value) {
    return Json.mapper().valueToTree(value);
  }
}
