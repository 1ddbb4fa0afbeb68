package org.irgeval.benchmarks.geneval.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.ObjectMask;
import org.junit.jupiter.api.Test;

class OfficialCropTest {
  @Test
  void outsideTheMaskIsGreyAndTheBoxIsExclusive() {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, 0x100000 * (x + 1) + y);
      }
    }
    boolean[] bits = new boolean[12];
    bits[1 * 4 + 1] = true; // (1,1)
    bits[1 * 4 + 2] = true; // (2,1)
    bits[2 * 4 + 1] = true; // (1,2)
    // box [1,1,3,3): 2x2 crop; (2,2) is outside the mask -> #999
    int[] size = new int[2];
    int[] crop = OfficialCrop.maskedCrop(img, new Detection(1, 1, 3, 3, 0.9f, new ObjectMask(4, 3, bits)), size);
    assertEquals(2, size[0]);
    assertEquals(2, size[1]);
    assertArrayEquals(new int[] {0x200001, 0x300001, 0x200002, 0x999999}, crop);
  }

  @Test
  void shortSideTo224ThenCentreCrop() {
    // a 2x4 crop (w<=h) -> 224 x int(224*4/2)=448 -> rows 112..335 kept; left half black, right half white
    int[] rgb = {0, 0xFFFFFF, 0, 0xFFFFFF, 0, 0xFFFFFF, 0, 0xFFFFFF};
    int[] out = OfficialCrop.resizeAndCenterCrop(rgb, 2, 4);
    assertEquals(224 * 224, out.length);
    assertEquals(0x000000, out[100 * 224]); // far left: black
    assertEquals(0xFFFFFF, out[100 * 224 + 223]); // far right: white
    // normalisation: white -> ((1 - mean) / std) per channel, float32
    float[] t = OfficialCrop.normalise(out);
    assertEquals((1f - 0.48145466f) / 0.26862954f, t[223], 0f);
    assertEquals((0f - 0.40821073f) / 0.27577711f, t[2 * 224 * 224], 0f);
  }
}
