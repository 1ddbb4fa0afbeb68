package org.irgeval.benchmarks.oneig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/**
 * {@link OneIgPreprocess} against the reference Python pre-processing (fixtures/make_fixtures.py: torchvision 0.14 for
 * CSD and DreamSim, the transformers CLIPImageProcessor steps on Pillow 9.4 + numpy for the StyleEncoder and LLM2CLIP)
 * on four formula images (upscaled, portrait, downscaled with odd crop offsets, square): bit-identical float32 tensors.
 */
class OneIgPreprocessTest {
  static JsonNode expected() throws Exception {
    try (InputStream in = OneIgPreprocessTest.class.getResourceAsStream("/fixtures/preprocess_expected.json")) {
      return Json.mapper().readTree(in);
    }
  }

  static BufferedImage image(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((x * 7 + y * 13) % 256) << 16 | ((x * x + 3 * y) % 256) << 8 | ((x * y + 5) % 256));
      }
    }
    return img;
  }

  static OneIgPreprocess spec(String name) {
    return switch (name) {
      case "csd" -> OneIgPreprocess.CSD;
      case "se" -> OneIgPreprocess.SE;
      case "llm2clip" -> OneIgPreprocess.LLM2CLIP;
      case "dreamsim" -> OneIgPreprocess.DREAMSIM;
      default -> throw new IllegalArgumentException(name);
    };
  }

  @Test
  void tensorsEqualThePythonReferenceBitForBit() throws Exception {
    JsonNode cases = expected().get("cases");
    assertEquals(16, cases.size());
    for (JsonNode c : cases) {
      String what = c.get("spec").asText() + " on " + c.get("w") + "x" + c.get("h");
      OneIgPreprocess s = spec(c.get("spec").asText());
      float[] t = s.tensor(image(c.get("w").asInt(), c.get("h").asInt()));
      assertEquals(3 * s.size * s.size, t.length, what);
      assertEquals(s.size, c.get("shape").get(1).asInt(), what);
      for (JsonNode sample : c.get("samples")) {
        assertEquals((float) sample.get(1).asDouble(), t[sample.get(0).asInt()], 0f, what + " at " + sample.get(0));
      }
      double sum = 0;
      for (float f : t) {
        sum += f;
      }
      assertEquals(c.get("sum").asDouble(), sum, 1e-6, what);
      ByteBuffer b = ByteBuffer.allocate(4 * t.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float f : t) {
        b.putFloat(f);
      }
      assertEquals(c.get("sha256").asText(), Hashing.sha256(b.array()), what);
    }
  }

  @Test
  void cropOffsetsFollowEachLibrary() {
    // 500x380 -> short side 224: 294x224 (int(224*500/380) = 294), crop offset 35 either way; 30x50 -> 224x373:
    // torchvision round(149/2 = 74.5) = 74 (half to even), transformers 149 // 2 = 74; a 225-wide resize would differ.
    BufferedImage img = image(300, 200); // -> 336x224: offsets (336-224)/2 = 56 both
    float[] a = OneIgPreprocess.CSD.tensor(img);
    float[] b = OneIgPreprocess.SE.tensor(img);
    // same pixels, different float steps (x / 255f vs (float)(x * (1.0 / 255))): equal to float32 rounding
    for (int i = 0; i < a.length; i += 997) {
      assertEquals(a[i], b[i], 1e-5f);
    }
  }

  /**
   * The splitter's JPEG round trip (utils.py l.55-56) with the JDK's codec against Pillow's (libjpeg-turbo): different
   * codecs, on these fixtures the decoded pixels are identical (JDK 17 vs Pillow 9.4), asserted by hash.
   */
  @Test
  void jpegRoundTripIsCloseToPillows() throws Exception {
    for (JsonNode j : expected().get("jpeg")) {
      int w = j.get("w").asInt();
      int h = j.get("h").asInt();
      int[] got = OneIgPreprocess.rgb(OneIgPreprocess.jpegRoundTrip(image(w, h)));
      assertEquals(w * h, got.length);
      byte[] bytes = new byte[3 * got.length];
      for (int i = 0; i < got.length; i++) {
        bytes[3 * i] = (byte) (got[i] >> 16);
        bytes[3 * i + 1] = (byte) (got[i] >> 8);
        bytes[3 * i + 2] = (byte) got[i];
      }
      boolean same = j.get("rgb_sha256").asText().equals(Hashing.sha256(bytes));
      assertTrue(same, "JPEG round trip " + w + "x" + h + " differs from Pillow's");
      if (j.hasNonNull("rgb")) {
        JsonNode want = j.get("rgb");
        double diff = 0;
        int max = 0;
        for (int i = 0; i < got.length; i++) {
          for (int c = 0; c < 3; c++) {
            int d = Math.abs(((got[i] >> (16 - 8 * c)) & 255) - want.get(3 * i + c).asInt());
            diff += d;
            max = Math.max(max, d);
          }
        }
        double mean = diff / (3.0 * got.length);
        assertTrue(mean < 2.0, "mean |diff| " + mean);
      }
    }
  }

  @Test
  void greyImagesAreReplicatedNotColourConverted() {
    BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    g.getRaster().setSample(0, 0, 0, 100);
    g.getRaster().setSample(1, 0, 0, 7);
    assertArrayEquals(new int[] {0x646464, 0x070707}, OneIgPreprocess.rgb(g));
  }
}
