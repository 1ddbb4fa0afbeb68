package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.DataException;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportedOcrTest {
  @TempDir
  Path dir;

  private Path file(String... lines) throws Exception {
    Path f = dir.resolve("ocr.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void findsImagesByTheSha256OfTheirFileBytesOrByKey() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    Path img = dir.resolve("a.png");
    Files.write(img, png);
    Path f = file("{\"image_sha256\": \"" + Hashing.sha256(png) + "\", \"texts\": [\"HELLO\", \"world 2\"],"
        + " \"confidences\": [0.5, 1]}", "", "{\"key\": \"tiif/p1/0-1.png\", \"texts\": []}");
    try (ImportedOcr ocr = ImportedOcr.load(f)) {
      List<OcrLine> lines = ocr.read(img);
      assertEquals(List.of(new OcrLine("HELLO", 0.5, 0, 0, 0, 0), new OcrLine("world 2", 1, 0, 0, 0, 0)), lines);
      assertEquals(lines, ocr.read(png));
      assertEquals(List.of(), ocr.forKey("tiif/p1/0-1.png"));
      OcrException e = assertThrows(OcrException.class, () -> ocr.read(new byte[] {9}));
      assertTrue(e.getMessage().contains(Hashing.sha256(new byte[] {9})) && e.getMessage().contains("ocr.jsonl"),
          e.getMessage());
      assertThrows(OcrException.class, () -> ocr.forKey("nope"));
      assertTrue(ocr.fingerprint().contains(Hashing.sha256(f)), ocr.fingerprint());
    }
  }

  private String error(String... lines) throws Exception {
    Path f = file(lines);
    return assertThrows(DataException.class, () -> ImportedOcr.load(f)).getMessage();
  }

  @Test
  void errorsNameFileLineAndField() throws Exception {
    String sha = "a".repeat(64);
    String ok = "{\"image_sha256\": \"" + sha + "\", \"texts\": []}";
    assertTrue(error(ok, "{\"texts\": [").startsWith(dir.resolve("ocr.jsonl") + ":2: not valid JSON: "));
    assertTrue(error("{\"texts\": []}").endsWith(":1 field 'image_sha256': missing (each line needs 'image_sha256'"
        + " or 'key')"));
    assertTrue(error("{\"image_sha256\": \"ABC\", \"texts\": []}").contains(":1 field 'image_sha256': expected 64"));
    assertTrue(error("{\"key\": \"k\"}").contains(":1 field 'texts': missing"));
    assertTrue(error("{\"key\": \"k\", \"texts\": \"HELLO\"}").contains(":1 field 'texts': expected a list"));
    assertTrue(error(ok, "{\"key\": \"k\", \"texts\": [\"a\", 3]}").contains(":2 field 'texts[1]': expected a string"));
    assertTrue(error("{\"key\": \"k\", \"texts\": [\"a\"], \"confidences\": [2]}")
        .contains(":1 field 'confidences[0]'"));
    assertTrue(error(ok, "", ok).contains(":3 field 'image_sha256': duplicate image_sha256 " + sha
        + " (first on line 1)"));
    assertTrue(error("{\"key\": \"k\", \"image_sha256\": \"" + sha + "\", \"texts\": []}").contains(":1 field 'key'"));
  }
}
