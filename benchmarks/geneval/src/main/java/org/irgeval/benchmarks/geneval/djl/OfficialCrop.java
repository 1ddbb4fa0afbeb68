package org.irgeval.benchmarks.geneval.djl;

import java.awt.image.BufferedImage;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.ObjectMask;
import org.irgeval.scoring.image.PilBicubic;

/**
 * The CLIP input of one detected object, as evaluate_images.py {@code ImageCrops.__getitem__} (l.94-106) and
 * open_clip 2.20's OpenAI transform build it:
 * <ol>
 *   <li>{@code Image.composite(image, blank, mask)}: pixels outside the mask become {@code bgcolor} #999
 *       (l.84-88, 153,153,153);</li>
 *   <li>{@code .crop(box[:4])} (l.101-102): PIL crops at the integer box (mask2bbox boxes are integers; PIL
 *       rounds others), x2/y2 exclusive, areas outside the image filled with black;</li>
 *   <li>{@code Resize(224, BICUBIC)}: shorter side to 224, the longer to {@code int(224 * long / short)};</li>
 *   <li>{@code CenterCrop(224)}: offsets {@code int(round((size - 224) / 2.0))};</li>
 *   <li>{@code ToTensor} + {@code Normalize} with the OpenAI CLIP mean/std.</li>
 * </ol>
 */
public final class OfficialCrop {
  /** evaluate_images.py l.84: the default {@code bgcolor} "#999". */
  public static final int BACKGROUND = 0x999999;
  /** OpenAI CLIP ViT-L/14 input size. */
  public static final int SIZE = 224;
  /** open_clip constants.py OPENAI_DATASET_MEAN / OPENAI_DATASET_STD. */
  static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

  private OfficialCrop() {}

  /** Steps 1-2: the masked crop as packed RGB; returns {width, height} in {@code size}. */
  public static int[] maskedCrop(BufferedImage image, Detection d, int[] size) {
    int w = image.getWidth();
    int h = image.getHeight();
    // PIL's crop() rounds float boxes to the nearest integer (Image.crop: map(int, map(round, box))).
    int x1 = (int) Math.rint(d.x1()); // Python round(): half to even
    int y1 = (int) Math.rint(d.y1());
    int x2 = (int) Math.rint(d.x2());
    int y2 = (int) Math.rint(d.y2());
    int cw = Math.max(0, x2 - x1);
    int ch = Math.max(0, y2 - y1);
    int[] out = new int[cw * ch];
    ObjectMask mask = d.mask();
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        int sx = x1 + x;
        int sy = y1 + y;
        int v;
        if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
          v = 0; // PIL pads crops outside the image with zeros
        } else if (mask == null || mask.at(sx, sy)) {
          v = image.getRGB(sx, sy) & 0xFFFFFF;
        } else {
          v = BACKGROUND;
        }
        out[y * cw + x] = v;
      }
    }
    size[0] = cw;
    size[1] = ch;
    return out;
  }

  /** Steps 3-4: resized and centre-cropped packed RGB, {@value #SIZE} x {@value #SIZE}. */
  public static int[] resizeAndCenterCrop(int[] rgb, int w, int h) {
    if (w == 0 || h == 0) {
      throw new IllegalArgumentException("empty crop " + w + "x" + h);
    }
    int nw;
    int nh;
    if (w <= h) { // torchvision _compute_resized_output_size: the short side becomes 224
      nw = SIZE;
      nh = (int) ((long) SIZE * h / w);
    } else {
      nh = SIZE;
      nw = (int) ((long) SIZE * w / h);
    }
    int[] resized = (nw == w && nh == h) ? rgb : PilBicubic.resize(rgb, w, h, nw, nh);
    // Python round() is round-half-even, hence rint.
    int top = (int) Math.rint((nh - SIZE) / 2.0);
    int left = (int) Math.rint((nw - SIZE) / 2.0);
    int[] out = new int[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      System.arraycopy(resized, (y + top) * nw + left, out, y * SIZE, SIZE);
    }
    return out;
  }

  /** Step 5: CHW float32 tensor data. */
  public static float[] normalise(int[] rgb) {
    int n = SIZE * SIZE;
    float[] chw = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int p = rgb[i];
      chw[i] = (((p >> 16) & 255) / 255f - MEAN[0]) / STD[0];
      chw[n + i] = (((p >> 8) & 255) / 255f - MEAN[1]) / STD[1];
      chw[2 * n + i] = ((p & 255) / 255f - MEAN[2]) / STD[2];
    }
    return chw;
  }

  /** All steps. */
  public static float[] tensor(BufferedImage image, Detection d) {
    int[] size = new int[2];
    int[] crop = maskedCrop(image, d, size);
    return normalise(resizeAndCenterCrop(crop, size[0], size[1]));
  }
}
