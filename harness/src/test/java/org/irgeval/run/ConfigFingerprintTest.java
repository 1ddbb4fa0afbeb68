package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {
  private static JsonNode j(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  @Test
  void changedValuesConflictAdditionsDoNot() throws Exception {
    JsonNode before = j("{\"seed\": 42, \"benchmarks\": {\"g\": {\"files\": {\"a\": \"h1\"}, \"samples\": 4}}}");
    assertEquals(List.of(), ConfigFingerprint.conflicts(before,
        j("{\"seed\": 42, \"turns\": 2, \"benchmarks\": {\"g\": {\"files\": {\"a\": \"h1\"}, \"samples\": 4,"
            + " \"scorer\": {\"id\": \"x\"}}, \"w\": {}}}")));
    assertEquals(List.of("benchmarks.g.files.a: was \"h1\", now \"h2\""), ConfigFingerprint.conflicts(before,
        j("{\"seed\": 42, \"benchmarks\": {\"g\": {\"files\": {\"a\": \"h2\"}, \"samples\": 4}}}")));
  }

  @Test
  void numbersCompareByValueAndArraysElementwise() throws Exception {
    assertEquals(List.of(), ConfigFingerprint.conflicts(j("{\"seed\": 42, \"s\": 4.0}"), j("{\"seed\": 42, \"s\": 4}")));
    assertEquals(List.of("cfg[1]: was 1.0, now 0.5"),
        ConfigFingerprint.conflicts(j("{\"cfg\": [0.4, 1.0]}"), j("{\"cfg\": [0.4, 0.5]}")));
  }
}
