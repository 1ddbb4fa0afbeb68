package org.irgeval.benchmarks.genaibench.djl;

import java.awt.image.BufferedImage;
import org.irgeval.scoring.image.PilBicubic;

/**
 * What t2v_metrics does to an image before CLIP-FlanT5 sees it (linzhiqiu/t2v_metrics@335e4c2
 * t2v_metrics/models/vqascore_models/clip_t5_model.py l.208-220): load as RGB (vqa_model.py {@code image_loader},
 * {@code Image.open(path).convert("RGB")}), {@code expand2square} with the CLIP-mean background (l.216,
 * mm_utils.py l.128-139), then the slow transformers {@code CLIPImageProcessor} of
 * {@code openai/clip-vit-large-patch14-336} (clip_encoder.py l.23; ModelArguments.vision_tower in clip_t5.py l.34,
 * for both clip-flant5-xxl and -xl): resize the shortest edge to 336 (PIL bicubic, {@code reducing_gap=None}),
 * center crop 336 x 336 (top = (h - 336) // 2), rescale (float64 x 1/255, then float32), normalize with the CLIP
 * mean/std (float32), channels first.
 */
public final class ClipT5Preprocess {
  /** preprocessor_config.json of openai/clip-vit-large-patch14-336: {@code size.shortest_edge}, {@code crop_size}. */
  public static final int SIZE = 336;
  /** {@code image_mean} (OPENAI_CLIP_MEAN). */
  static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
  /** {@code image_std} (OPENAI_CLIP_STD). */
  static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

  private ClipT5Preprocess() {}

  /** {@code tuple(int(x*255) for x in image_processor.image_mean)} = (122, 116, 104). */
  static int background() {
    int rgb = 0;
    for (double m : MEAN) {
      rgb = rgb << 8 | (int) (m * 255);
    }
    return rgb;
  }

  /** Packed 0xRRGGBB of an image (alpha dropped, as PIL's convert("RGB")). */
  public record Rgb(int[] pixels, int width, int height) {}

  public static Rgb rgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < px.length; i++) {
      px[i] &= 0xFFFFFF;
    }
    return new Rgb(px, w, h);
  }

  /** mm_utils.py {@code expand2square}: pad to a square, the image at ((s - w) // 2, (s - h) // 2). */
  public static Rgb expand2square(Rgb in, int background) {
    int w = in.width();
    int h = in.height();
    if (w == h) {
      return in;
    }
    int s = Math.max(w, h);
    int[] out = new int[s * s];
    java.util.Arrays.fill(out, background);
    int x0 = w > h ? 0 : (h - w) / 2;
    int y0 = w > h ? (w - h) / 2 : 0;
    for (int y = 0; y < h; y++) {
      System.arraycopy(in.pixels(), y * w, out, (y + y0) * s + x0, w);
    }
    return new Rgb(out, s, s);
  }

  /** transformers {@code get_resize_output_image_size(size=shortest_edge, default_to_square=False)}. */
  static int[] resizedSize(int w, int h) {
    int shortSide = Math.min(w, h);
    int longSide = Math.max(w, h);
    int newLong = (int) ((double) SIZE * longSide / shortSide);
    return w <= h ? new int[] {SIZE, newLong} : new int[] {newLong, SIZE};
  }

  /** The resize step alone (PIL bicubic to the shortest-edge size). */
  public static Rgb resize(Rgb in) {
    int[] size = resizedSize(in.width(), in.height());
    return new Rgb(PilBicubic.resize(in.pixels(), in.width(), in.height(), size[0], size[1]), size[0], size[1]);
  }

  /** Center crop, rescale and normalize of a resized image: float32 [3][336][336] flattened (CHW). */
  public static float[] normalize(Rgb resized) {
    int w = resized.width();
    int h = resized.height();
    if (w < SIZE || h < SIZE) {
      throw new IllegalArgumentException("resized image " + w + "x" + h + " is smaller than the crop");
    }
    int top = (h - SIZE) / 2;
    int left = (w - SIZE) / 2;
    float[] mean = new float[3];
    float[] std = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) MEAN[c];
      std[c] = (float) STD[c];
    }
    double scale = 1.0 / 255;
    float[] out = new float[3 * SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int p = resized.pixels()[(y + top) * w + x + left];
        for (int c = 0; c < 3; c++) {
          int v = (p >> (16 - 8 * c)) & 255;
          float r = (float) (v * scale); // rescale: astype(float64) * scale, then astype(float32)
          out[(c * SIZE + y) * SIZE + x] = (r - mean[c]) / std[c]; // normalize in float32
        }
      }
    }
    return out;
  }

  /** The whole chain: pixel values [3][336][336] (CHW, float32) of one image. */
  public static float[] pixelValues(BufferedImage img) {
    return normalize(resize(expand2square(rgb(img), background())));
  }
}
