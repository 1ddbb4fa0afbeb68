package org.irgeval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.api.DataException;
import org.irgeval.util.Json;

/** Reads a JSON-lines file of objects (official outputs, imported detections), naming file and line on errors. */
public final class JsonLines {
  private JsonLines() {}

  /**
   * One non-blank line.
   *
   * @param number 1-based line number in the file
   * @param row    the line's JSON object
   */
  public record Line(long number, JsonNode row) {}

  /**
   * Every non-blank line of {@code file} as a JSON object.
   *
   * @param shown      the file name used in error messages
   * @param obtainFrom where the official file comes from, or null
   */
  public static List<Line> read(Path file, String shown, String obtainFrom) throws DataException, IOException {
    ObjectMapper mapper = Json.mapper();
    List<String> lines;
    try {
      lines = DataFiles.readAllLines(file, shown);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DataException(shown, firstBadLine(file), null, "not UTF-8 text (" + e + ")", obtainFrom);
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = Json.strict(mapper).readTree(lines.get(i)); // one value per line: trailing text refused
      } catch (JsonProcessingException e) {
        throw new DataException(shown, i + 1, null, "not valid JSON: " + e.getOriginalMessage(), obtainFrom);
      }
      if (!row.isObject()) {
        throw new DataException(shown, i + 1, null, "expected one JSON object per line", obtainFrom);
      }
      out.add(new Line(i + 1, row));
    }
    return out;
  }

  /** The 1-based line holding the first byte sequence that is not UTF-8 (0 when none is found). */
  private static long firstBadLine(Path file) throws DataException, IOException {
    byte[] b = DataFiles.readAllBytes(file, file.toString());
    var dec = StandardCharsets.UTF_8.newDecoder();
    long line = 1;
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        try {
          dec.decode(java.nio.ByteBuffer.wrap(b, start, i - start));
        } catch (java.nio.charset.CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return 0;
  }
}
