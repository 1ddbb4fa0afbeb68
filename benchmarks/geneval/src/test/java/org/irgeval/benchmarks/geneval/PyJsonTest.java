package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

class PyJsonTest {
  @Test
  void floatsPrintLikePythonRepr() {
    assertEquals("12.0", PyJson.floatRepr(12.0));
    assertEquals("0.10000000149011612", PyJson.floatRepr(0.1f)); // a float32 row value, box.tolist()
    assertEquals("0.0001", PyJson.floatRepr(1e-4));
    assertEquals("1e-05", PyJson.floatRepr(1e-5));
    assertEquals("1e+16", PyJson.floatRepr(1e16));
    assertEquals("1234567890123456.0", PyJson.floatRepr(1234567890123456.0));
    assertEquals("-2.5e-07", PyJson.floatRepr(-2.5e-7));
    assertEquals("-0.0", PyJson.floatRepr(-0.0));
  }

  @Test
  void dumpsUsesPythonSeparatorsAndEnsureAscii() throws Exception {
    var node = Json.mapper().readTree("{\"b\":[1,2.5,true,null],\"a\":\"caf\u00e9 \\\"q\\\" \\n \u2019\"}");
    assertEquals("{\"b\": [1, 2.5, true, null], \"a\": \"caf\\u00e9 \\\"q\\\" \\n \\u2019\"}", PyJson.dumps(node));
  }
}
