package org.irgeval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded reads for loaders and importers, and strict JSON lines. */
class DataFilesTest {
  @TempDir
  Path tmp;

  @Test
  void aDeviceThatNeverEndsIsRefusedBeforeReading() {
    Path urandom = Path.of("/dev/urandom");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(urandom), "no /dev/urandom here");
    DataException e = assertThrows(DataException.class, () -> DataFiles.readAllLines(urandom, "results.jsonl"));
    assertTrue(e.getMessage().contains("results.jsonl") && e.getMessage().contains("not a regular file"),
        e.getMessage());
    DataException viaJsonLines = assertThrows(DataException.class, () -> JsonLines.read(urandom, "r.jsonl", null));
    assertTrue(viaJsonLines.getMessage().contains("r.jsonl"), viaJsonLines.getMessage());
  }

  @Test
  void aFileLargerThanTheBoundIsRefusedBeforeReading() throws Exception {
    Path big = tmp.resolve("big.jsonl");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(300L << 20); // 300 MB, sparse: costs no disk
    }
    DataException e = assertThrows(DataException.class, () -> JsonLines.read(big, "big.jsonl", null));
    assertTrue(e.getMessage().contains("big.jsonl") && e.getMessage().contains(String.valueOf(300L << 20)),
        e.getMessage());
  }

  @Test
  void trailingTextAfterAJsonValueIsRefusedNamingTheLine() throws Exception {
    Path f = Files.writeString(tmp.resolve("r.jsonl"), "{\"a\": 1}\n{\"a\": 2} junk\n");
    DataException e = assertThrows(DataException.class, () -> JsonLines.read(f, "r.jsonl", null));
    assertEquals(2, e.line(), e.getMessage());
    Path two = Files.writeString(tmp.resolve("t.jsonl"), "{\"a\": 1}{\"a\": 2}\n");
    assertEquals(1, assertThrows(DataException.class, () -> JsonLines.read(two, "t.jsonl", null)).line());
  }
}
