package org.irgeval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLogTest {
  @TempDir
  Path dir;

  @Test
  void appendsAreReloaded() throws IOException {
    Path f = dir.resolve("x.jsonl");
    try (JsonlLog log = JsonlLog.open(f, Json.mapper())) {
      log.append(Map.of("a", 1));
      log.append(Map.of("a", 2));
    }
    try (JsonlLog log = JsonlLog.open(f, Json.mapper())) {
      assertEquals(2, log.records().size());
      assertEquals(2, log.records().get(1).get("a").asInt());
      assertNull(log.repair());
    }
  }

  @Test
  void tornLastLineIsMovedAsideAndCutOff() throws IOException {
    Path f = dir.resolve("x.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"a\":2}\n{\"a\":3, \"b\":\"half", StandardCharsets.UTF_8);
    try (JsonlLog log = JsonlLog.open(f, Json.mapper())) {
      assertEquals(2, log.records().size());
      assertTrue(log.repair().contains("torn last line 3"), log.repair());
      log.append(Map.of("a", 4));
    }
    assertEquals("{\"a\":1}\n{\"a\":2}\n{\"a\":4}\n", Files.readString(f));
    assertEquals("{\"a\":3, \"b\":\"half", Files.readString(dir.resolve("x.jsonl.torn")));
  }

  @Test
  void completeLastRecordWithoutNewlineIsKept() throws IOException {
    Path f = dir.resolve("x.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"a\":2}");
    try (JsonlLog log = JsonlLog.open(f, Json.mapper())) {
      assertEquals(2, log.records().size());
      assertTrue(log.repair().contains("lacked its newline"));
      log.append(Map.of("a", 3));
    }
    assertEquals("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", Files.readString(f));
  }

  @Test
  void malformedLineInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
    Path f = dir.resolve("x.jsonl");
    Files.writeString(f, "{\"a\":1}\nnot json\n{\"a\":3}\n");
    IOException e = assertThrows(IOException.class, () -> JsonlLog.open(f, Json.mapper()));
    assertTrue(e.getMessage().contains("x.jsonl:2"), e.getMessage());
    assertEquals("{\"a\":1}\nnot json\n{\"a\":3}\n", Files.readString(f), "nothing is changed on error");
  }
}
