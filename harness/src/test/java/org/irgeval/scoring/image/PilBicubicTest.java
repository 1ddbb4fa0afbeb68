package org.irgeval.scoring.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

class PilBicubicTest {
  @Test
  void upscalesARampLikePillow() {
    // Hand-computed from Resample.c: out[1] has weights (0.7929, 0.2071) over (0, 255) -> 52.8 -> 53;
    // out[0] = 255 * -0.0882 < 0 -> 0 (and symmetrically 202, 255).
    int[] out = PilBicubic.resize(new int[] {0x000000, 0xFFFFFF}, 2, 1, 4, 1);
    assertArrayEquals(new int[] {0x000000, 0x353535, 0xCACACA, 0xFFFFFF}, out);
  }

  @Test
  void matchesPillowByteForByte() throws Exception {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/pil_bicubic.json")) {
      cases = Json.mapper().readTree(in).get("cases");
    }
    assertEquals(5, cases.size());
    for (JsonNode c : cases) {
      int w = c.get("w").asInt();
      int h = c.get("h").asInt();
      int[] img = new int[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          img[y * w + x] = ((x * 7 + y * 13) % 256) << 16 | ((x * x + 3 * y) % 256) << 8 | ((x * y + 5) % 256);
        }
      }
      int[] out = PilBicubic.resize(img, w, h, c.get("out_w").asInt(), c.get("out_h").asInt());
      byte[] bytes = new byte[out.length * 3];
      for (int i = 0; i < out.length; i++) {
        bytes[3 * i] = (byte) (out[i] >> 16);
        bytes[3 * i + 1] = (byte) (out[i] >> 8);
        bytes[3 * i + 2] = (byte) out[i];
      }
      if (c.has("rgb")) {
        int[] want = new int[c.get("rgb").size()];
        for (int i = 0; i < want.length; i++) {
          want[i] = c.get("rgb").get(i).asInt();
        }
        int[] got = new int[bytes.length];
        for (int i = 0; i < got.length; i++) {
          got[i] = bytes[i] & 255;
        }
        assertArrayEquals(want, got, c.toString());
      }
      assertEquals(c.get("sha256").asText(), Hashing.sha256(bytes), w + "x" + h + " -> " + c.get("out_w") + "x"
          + c.get("out_h"));
    }
  }
}
