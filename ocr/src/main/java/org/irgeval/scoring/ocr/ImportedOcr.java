package org.irgeval.scoring.ocr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.irgeval.api.DataException;
import org.irgeval.data.JsonLines;
import org.irgeval.util.Hashing;

/**
 * OCR done elsewhere (e.g. the official PaddleOCR in the benchmark's own environment), read from a JSON-lines
 * file, one image per line:
 *
 * <pre>{"image_sha256": "&lt;hex SHA-256 of the image file's bytes&gt;", "texts": ["line 1", "line 2"]}
 * {"key": "&lt;any id the scorer knows, e.g. images/tiif/p1/0-1.png&gt;", "texts": []}</pre>
 *
 * {@code texts} are in reading order; an optional {@code confidences} array of the same length gives each line's
 * confidence (default 1). Other fields are ignored. Images are found by the SHA-256 of their file bytes
 * ({@link #read(byte[])}, {@link #read(Path)}) or by key ({@link #forKey}). Boxes are unknown (0). Immutable
 * after loading, so thread-safe.
 */
public final class ImportedOcr implements OcrEngine {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Map<String, List<OcrLine>> bySha;
  private final Map<String, List<OcrLine>> byKey;
  private final String shown;
  private final String fingerprint;

  private ImportedOcr(Map<String, List<OcrLine>> bySha, Map<String, List<OcrLine>> byKey, String shown,
      String fingerprint) {
    this.bySha = bySha;
    this.byKey = byKey;
    this.shown = shown;
    this.fingerprint = fingerprint;
  }

  /**
   * Reads and checks the whole file.
   *
   * @throws DataException naming the file, line and field of the first problem
   */
  public static ImportedOcr load(Path file) throws DataException, IOException {
    String shown = file.toString();
    Map<String, List<OcrLine>> bySha = new HashMap<>();
    Map<String, List<OcrLine>> byKey = new HashMap<>();
    Map<String, Long> seenAt = new HashMap<>();
    for (JsonLines.Line line : JsonLines.read(file, shown, null)) {
      JsonNode row = line.row();
      long n = line.number();
      JsonNode sha = row.get("image_sha256");
      JsonNode key = row.get("key");
      String id;
      Map<String, List<OcrLine>> into;
      if (sha != null && key != null) {
        throw new DataException(shown, n, "key", "give either 'image_sha256' or 'key', not both", null);
      } else if (sha != null) {
        if (!sha.isTextual() || !SHA256.matcher(sha.asText()).matches()) {
          throw new DataException(shown, n, "image_sha256", "expected 64 lower-case hex digits, got " + sha, null);
        }
        id = "image_sha256 " + sha.asText();
        into = bySha;
      } else if (key != null) {
        if (!key.isTextual() || key.asText().isEmpty()) {
          throw new DataException(shown, n, "key", "expected a non-empty string, got " + key, null);
        }
        id = "key " + key.asText();
        into = byKey;
      } else {
        throw new DataException(shown, n, "image_sha256", "missing (each line needs 'image_sha256' or 'key')", null);
      }
      Long before = seenAt.putIfAbsent(id, n);
      if (before != null) {
        throw new DataException(shown, n, sha != null ? "image_sha256" : "key",
            "duplicate " + id + " (first on line " + before + ")", null);
      }
      into.put(id.substring(id.indexOf(' ') + 1), lines(row, shown, n));
    }
    return new ImportedOcr(Map.copyOf(bySha), Map.copyOf(byKey), shown,
        "imported-ocr sha256=" + Hashing.sha256(file));
  }

  private static List<OcrLine> lines(JsonNode row, String shown, long n) throws DataException {
    JsonNode texts = row.get("texts");
    if (texts == null) {
      throw new DataException(shown, n, "texts", "missing (a list of strings, [] for no text)", null);
    }
    if (!texts.isArray()) {
      throw new DataException(shown, n, "texts", "expected a list of strings, got " + texts.getNodeType(), null);
    }
    JsonNode conf = row.get("confidences");
    if (conf != null && (!conf.isArray() || conf.size() != texts.size())) {
      throw new DataException(shown, n, "confidences", "expected a list of " + texts.size() + " numbers", null);
    }
    List<OcrLine> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      JsonNode t = texts.get(i);
      if (!t.isTextual()) {
        throw new DataException(shown, n, "texts[" + i + "]", "expected a string, got " + t, null);
      }
      double c = 1;
      if (conf != null) {
        JsonNode ci = conf.get(i);
        if (!ci.isNumber() || ci.asDouble() < 0 || ci.asDouble() > 1) {
          throw new DataException(shown, n, "confidences[" + i + "]", "expected a number in [0, 1], got " + ci, null);
        }
        c = ci.asDouble();
      }
      out.add(new OcrLine(t.asText(), c, 0, 0, 0, 0));
    }
    return List.copyOf(out);
  }

  @Override
  public List<OcrLine> read(byte[] encodedImage) throws OcrException {
    String sha = Hashing.sha256(encodedImage);
    List<OcrLine> r = bySha.get(sha);
    if (r == null) {
      throw new OcrException("no OCR result for image_sha256 " + sha + " in " + shown);
    }
    return r;
  }

  /** The lines recorded under {@code key}. */
  public List<OcrLine> forKey(String key) throws OcrException {
    List<OcrLine> r = byKey.get(key);
    if (r == null) {
      throw new OcrException("no OCR result for key '" + key + "' in " + shown);
    }
    return r;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() {}
}
